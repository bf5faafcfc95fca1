import { AuditEntry, IdempotencyRecord } from '@pioneer/shared/audit';
import { CatalogueChange } from './modules/catalogue/catalogue-change.entity.js';
import { Course } from './modules/catalogue/course.entity.js';
import { ExamComponent } from './modules/catalogue/exam-component.entity.js';
import { Enrolment } from './modules/enrolment/enrolment.entity.js';
import { ExamResult } from './modules/examinations/exam-result.entity.js';
import { Recognition } from './modules/examinations/recognition.entity.js';
import { Registration } from './modules/examinations/registration.entity.js';
import { ResultVersion } from './modules/examinations/result-version.entity.js';
import { RegistrationCancellation } from './modules/examinations/registration-cancellation.entity.js';

export const universityEntities = [Course, ExamComponent, Enrolment, Registration, ExamResult, ResultVersion, Recognition, RegistrationCancellation, CatalogueChange, AuditEntry, IdempotencyRecord];
