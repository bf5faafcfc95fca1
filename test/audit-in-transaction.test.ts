import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditScopes, auditStudent, type AuditScope } from '@pioneer/shared/audit';
import { principalFromClaims } from '@pioneer/shared/auth';
import { CatalogueService, openUniversityDatabase } from '@pioneer/university-kit';
import { profile as leuven } from '@pioneer/leuven';
import { Course } from '../subgraphs/university-kit/src/modules/catalogue/course.entity.js';
import { freshDatabase } from './support/databases.js';

/**
 * Issue 11 item 7, at the ORM: inside a mutation's audit scope, the audit row goes into the first
 * transaction that writes, committed or rolled back with it.
 */
let orm: MikroORM;
const office = principalFromClaims({ sub: 'leuven-office', scope: 'leuven:office' });
const scope = (operation: string): AuditScope => ({ service: 'leuven', principal: office, operation, target: null, wrote: false, committed: false, inTransaction: [] });
const entries = async (operation: string) =>
  (await orm.em.fork().getConnection().execute(`select xmin::text as tx, outcome, actor from audit_entry where operation = ?`, [operation])) as { tx: string; outcome: string; actor: string }[];
const courseTx = async (code: string) => ((await orm.em.fork().getConnection().execute(`select xmin::text as tx from course where code = ?`, [code])) as { tx: string }[])[0]!.tx;
const rename = async (em: MikroORM['em'], code: string, title: string) => {
  const course = await em.findOneOrFail(Course, { code });
  course.title = title;
};

beforeAll(async () => {
  orm = await openUniversityDatabase(await freshDatabase('audit_tx'));
  await new CatalogueService(orm.em.fork(), leuven).seedCatalogue();
}, 120_000);

afterAll(async () => {
  await orm?.close();
});

describe('the audit entry in the write’s transaction', () => {
  const [a, b, c] = leuven.catalogue.map((course) => course.code);

  it('a committed write: one entry, in the same transaction (same xmin)', async () => {
    const s = scope('opCommitted');
    await auditScopes.run(s, () => orm.em.fork().transactional((em) => rename(em, a!, 'Renamed A')));
    expect(s.committed).toBe(true);
    expect(await entries('opCommitted')).toEqual([{ tx: await courseTx(a!), outcome: 'OK', actor: 'leuven-office' }]);
  });

  it('a flush outside an explicit transaction also carries its entry', async () => {
    const s = scope('opFlush');
    await auditScopes.run(s, async () => {
      const em = orm.em.fork();
      await rename(em, b!, 'Renamed B');
      await em.flush();
    });
    expect((await entries('opFlush')).map((e) => e.tx)).toEqual([await courseTx(b!)]);
  });

  it('a write that rolls back leaves no entry (the plugin records the failure after the response)', async () => {
    const s = scope('opRolledBack');
    await expect(
      auditScopes.run(s, () =>
        orm.em.fork().transactional(async (em) => {
          await rename(em, c!, 'Never');
          await em.flush();
          throw new Error('refused after the flush');
        }),
      ),
    ).rejects.toThrow('refused after the flush');
    expect(s.committed).toBe(false);
    expect(await entries('opRolledBack')).toEqual([]);
  });

  it('a transaction that writes nothing carries no entry; outside a scope nothing is added', async () => {
    const s = scope('opReadOnly');
    await auditScopes.run(s, () => orm.em.fork().transactional(async (em) => void (await em.getConnection().execute('select 1'))));
    expect(s.committed).toBe(false);
    expect(await entries('opReadOnly')).toEqual([]);
    const before = ((await orm.em.fork().getConnection().execute('select count(*)::int as n from audit_entry')) as { n: number }[])[0]!.n;
    await orm.em.fork().transactional((em) => rename(em, c!, 'Renamed C'));
    expect(((await orm.em.fork().getConnection().execute('select count(*)::int as n from audit_entry')) as { n: number }[])[0]!.n).toBe(before);
  });

  // Issue 14: the student page filters each trail by student.
  it('an entry carries the student the service named (auditStudent); a write about several students carries none', async () => {
    const [one, two] = ['5f0b8a52-59a4-4c36-9a43-0a6d0f1e3b11', '7c2d3e4f-1a2b-4c3d-8e9f-0a1b2c3d4e5f'];
    const studentOf = async (operation: string) =>
      ((await orm.em.fork().getConnection().execute(`select student_id from audit_entry where operation = ?`, [operation])) as { student_id: string | null }[]).map((r) => r.student_id);
    await auditScopes.run(scope('opOneStudent'), () =>
      orm.em.fork().transactional(async (em) => {
        auditStudent(one.toUpperCase());
        auditStudent(one);
        await rename(em, a!, 'Renamed A again');
      }),
    );
    expect(await studentOf('opOneStudent')).toEqual([one]);
    await auditScopes.run(scope('opTwoStudents'), () =>
      orm.em.fork().transactional(async (em) => {
        auditStudent(one);
        auditStudent(two);
        auditStudent(one);
        await rename(em, b!, 'Renamed B again');
      }),
    );
    expect(await studentOf('opTwoStudents')).toEqual([null]);
    // Outside a scope, and with something that is not a student id, nothing happens.
    expect(() => auditStudent(one)).not.toThrow();
    const s = scope('opNotAnId');
    await auditScopes.run(s, () => orm.em.fork().transactional(async (em) => {
      auditStudent('not-a-uuid');
      await rename(em, c!, 'Renamed C again');
    }));
    expect(await studentOf('opNotAnId')).toEqual([null]);
  });
});
