import type { MikroORM } from '@mikro-orm/postgresql';
import { isStudentId } from '@pioneer/shared/federation';
import { CommitteeDecision } from '../thesis/committee-decision.entity.js';
import { Admission } from './admission.entity.js';

/**
 * The consortium's admissions and decisions read straight from its own database, in the shape a
 * university asks the gateway for (university-kit `ConsortiumRegister`). For the demo seed only,
 * which writes the consortium before the universities; the running hub asks through the gateway.
 */
export function consortiumRegisterOf(orm: MikroORM) {
  return {
    async admission(studentId: string): Promise<{ decidedOn: string } | null> {
      const admission = isStudentId(studentId) ? await orm.em.fork().findOne(Admission, { student: studentId }) : null;
      return admission ? { decidedOn: admission.decidedOn } : null;
    },
    async decisions(studentId: string) {
      const decisions = isStudentId(studentId) ? await orm.em.fork().find(CommitteeDecision, { student: studentId }) : [];
      return decisions.map((d) => ({ id: d.id, kind: d.kind as string, decidedOn: d.decidedOn, university: d.university, courseCode: d.courseCode }));
    },
  };
}
