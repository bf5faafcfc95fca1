export * from './profile.js';
export * from './subgraph.js';
export * from './context.js';
export { universityEntities } from './entities.js';
export { CatalogueService } from './modules/catalogue/catalogue.service.js';
export { EnrolmentService } from './modules/enrolment/enrolment.service.js';
export { ExaminationService } from './modules/examinations/examination.service.js';
export { ResultStatus } from './modules/examinations/exam-result.entity.js';
export { loadStudentRecords } from './modules/student-record/student-record.service.js';
