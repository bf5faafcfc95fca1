import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import type { RunningHub } from '../../scripts/lib/hub.js';
import { checkSample, loadVolume, type VolumeResult } from '../../scripts/lib/volume.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';

/**
 * The volume generator (issue: scale): generated students loaded straight into the four
 * databases must read back through the whole hub exactly as the generator expects them.
 */
describe('volume generator', () => {
  let hub: RunningHub;
  let volume: VolumeResult;
  let large: VolumeResult;

  beforeAll(async () => {
    const databases = await freshHubDatabases('volume');
    volume = await loadVolume(databases, { leuven, muenster, ttu }, { students: 900, intakes: 3, seed: 7 });
    // One intake larger than any page the API serves (students(ids:) and pages stop at 500).
    large = await loadVolume(databases, { leuven, muenster, ttu }, { students: 620, intakes: 1, firstIntake: 2023, seed: 8 });
    hub = await startTestHub(false, databases);
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
  });

  it('loads students at every stage, with retakes, permanent failures, recognitions and theses', () => {
    expect(volume.students).toBe(900);
    expect(volume.intakes).toEqual([2024, 2025, 2026]);
    const statuses = new Set([...volume.expectations.values()].map((e) => e.status));
    for (const s of ['GRADUATED', 'PERMANENTLY_FAILED', 'THESIS_ELIGIBLE', 'THESIS_IN_PROGRESS', 'THESIS_SUBMITTED', 'SEMESTER_1_IN_PROGRESS', 'SEMESTER_3_IN_PROGRESS']) expect(statuses).toContain(s);
    expect(volume.rows['consortium.student']).toBe(900);
    expect(volume.rows['leuven.enrolment']).toBe(900);
    expect(volume.rows['ttu.recognition']).toBeGreaterThan(0);
    expect(volume.rows['consortium.thesis']).toBeGreaterThan(200);
    // Retakes: more results than examinations taken once.
    expect(volume.rows['leuven.exam_result']).toBeGreaterThan(volume.rows['leuven.registration']! - 1);
    const graduates = [...volume.expectations.values()].filter((e) => e.status === 'GRADUATED');
    expect(graduates.every((g) => g.totalCredits === 120 && g.overallPoints !== null)).toBe(true);
  });

  it("the hub's progression and overall grade of every generated student equal the generator's expectation", async () => {
    const { checked, mismatches } = await checkSample(hub.gatewayUrl, `Bearer ${await hub.token('committee')}`, volume.expectations, 900);
    expect(checked).toBe(900);
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('the dashboard of an intake larger than the page size pages through every student, filtered or not', async () => {
    const authorization = `Bearer ${await hub.token('committee')}`;
    const call = async (variables: Record<string, unknown>) => {
      const res = await fetch(hub.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({
          query: `query($s: StudentStatus, $o: Int, $snapshot: String) { cohortDashboard(cohort: 2023, status: $s, limit: 200, offset: $o, snapshot: $snapshot, asOf: "2026-11-22") { total snapshot items { student { id } status totalCredits } } }`,
          variables,
        }),
      });
      const body = (await res.json()) as { data?: { cohortDashboard: { total: number; snapshot: string | null; items: { student: { id: string }; status: string; totalCredits: number }[] } }; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data!.cohortDashboard;
    };
    const seen = new Map<string, { status: string; totalCredits: number }>();
    for (let offset = 0; offset < 620; offset += 200) {
      const page = await call({ o: offset });
      expect(page.total).toBe(620);
      for (const e of page.items) seen.set(e.student.id, { status: e.status, totalCredits: e.totalCredits });
    }
    expect(seen.size).toBe(620);
    for (const [id, e] of seen) expect(e).toEqual({ status: large.expectations.get(id)!.status, totalCredits: large.expectations.get(id)!.totalCredits });

    const graduates = [...large.expectations.values()].filter((e) => e.status === 'GRADUATED').length;
    expect(graduates).toBeGreaterThan(400);
    const first = await call({ s: 'GRADUATED', o: 0 });
    const found = new Set(first.items.map((e) => e.student.id));
    for (let offset = 200; offset < graduates; offset += 200) {
      const page = await call({ s: 'GRADUATED', o: offset, snapshot: first.snapshot });
      expect(page).toMatchObject({ total: graduates, snapshot: first.snapshot });
      page.items.forEach((e) => found.add(e.student.id));
    }
    expect(first.total).toBe(graduates);
    expect(found.size).toBe(graduates);
  }, 300_000);
});
