import type { ConsortiumContext } from '../../context.js';
import { studentVisible } from '../../access.js';
import type { Student } from './student.entity.js';
import { recordFromRepresentation } from '../progression/university-record.types.js';

const EXTERNAL = ['leuven', 'muenster', 'ttu'] as const;

/**
 * `_entities` for Student. The representation may carry the university records the gateway
 * fetched for @requires; they are laid over the loaded student (without touching the managed
 * entity) for the progression resolvers to read.
 */
export const studentReference = {
  Student: {
    async __resolveReference(reference: { id: string } & Partial<Pick<Student, (typeof EXTERNAL)[number]>>, ctx: ConsortiumContext) {
      // Entity resolution is a way in too: the same rule as `student(id)`.
      await studentVisible(ctx, reference.id);
      const student = await ctx.loaders.students.load(reference.id);
      if (!student) return null;
      const view: Student = Object.create(student);
      for (const field of EXTERNAL) {
        if (field in reference) view[field] = recordFromRepresentation(reference[field]);
      }
      return view;
    },
  },
};
