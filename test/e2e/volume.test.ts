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

  beforeAll(async () => {
    const databases = await freshHubDatabases('volume');
    volume = await loadVolume(databases, { leuven, muenster, ttu }, { students: 900, intakes: 3, seed: 7 });
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
  });
});
