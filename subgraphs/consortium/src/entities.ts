import { AuditEntry, IdempotencyRecord } from '@pioneer/shared/audit';
import { Student } from './modules/students/student.entity.js';
import { Thesis } from './modules/thesis/thesis.entity.js';
import { CommitteeDecision, Hearing } from './modules/thesis/committee-decision.entity.js';
import { Admission } from './modules/admission/admission.entity.js';
import { DefenceCommittee } from './modules/thesis/defence-committee.entity.js';

import { IssuedDocument } from './modules/documents/issued-document.entity.js';
import { Exmatriculation } from './modules/documents/exmatriculation.entity.js';
import { ElmoImport } from './modules/recognition-import/elmo-import.entity.js';
import { DocumentNumberCounter } from './modules/documents/document-number.entity.js';

export const consortiumEntities = [Student, Admission, DefenceCommittee, Thesis, CommitteeDecision, Hearing, IssuedDocument, Exmatriculation, AuditEntry, IdempotencyRecord, DocumentNumberCounter, ElmoImport];
