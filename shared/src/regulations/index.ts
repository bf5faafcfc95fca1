/** The regulations engine: pure rules of the PIONEER Examination Regulations (2017). */
export * from './programme.js';
export * from './points.js';
export * from './exact.js';
export * from './scales.js';
export * from './course.js';
export * from './overall.js';
export * from './calendar.js';
export * from './thesis.js';
export * from './progression.js';
export * from './admission.js';
export * from './dates.js';
export * from './result-grade.js';
export * from './catalogue.js';
