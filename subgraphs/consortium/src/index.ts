export * from './subgraph.js';
export { loadConfig } from './config.js';
export { StudentService } from './modules/students/student.service.js';
export { Student } from './modules/students/student.entity.js';
export { Thesis, ThesisState } from './modules/thesis/thesis.entity.js';
export { ThesisService } from './modules/thesis/thesis.service.js';
export { GatewayRecordClient, type CreditSource, type CohortSource } from './modules/thesis/federated-credits.js';
export { AdmissionService, type AdmitStudentInput } from './modules/admission/admission.service.js';
export { consortiumAppendOnlyTables } from './append-only.js';
