import { Arg, Ctx, Directive, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { AUTHENTICATED } from '@pioneer/shared/federation';
import { useInstead } from '@pioneer/shared/graphql';
import { committeeMember } from '../../../access.js';
import type { ConsortiumContext } from '../../../context.js';
import { DocumentKind } from '../document.snapshot.js';
import { CohortIssueJobs, type CohortJob, type JobEntry } from './cohort-issue.job.js';

const CohortJobState = { RUNNING: 'RUNNING', DONE: 'DONE', CANCELLED: 'CANCELLED', FAILED: 'FAILED' } as const;
registerEnumType(CohortJobState, { name: 'CohortJobState' });
const CohortEntryOutcome = { ISSUED: 'ISSUED', SKIPPED: 'SKIPPED', FAILED: 'FAILED' } as const;
registerEnumType(CohortEntryOutcome, { name: 'CohortEntryOutcome' });

@InputType('StopCohortIssueInput')
class StopCohortIssueInput {
  @Field(() => String, { description: 'The id startCohortIssue returned' }) jobId!: string;
}

@InputType('StartCohortIssueInput')
class StartCohortIssueInput {
  @Field(() => Int, { description: 'The intake (year of admission)' }) cohort!: number;
  @Field(() => String, { description: 'ISO date printed on the documents' }) issuedOn!: string;
  @Field(() => [DocumentKind], { nullable: true, description: 'Default: DIPLOMA and DIPLOMA_SUPPLEMENT' }) kinds?: DocumentKind[];
}

@ObjectType('CohortIssueEntry', { description: 'One document of one student in a cohort run, and why it was not issued' })
class CohortIssueEntry {
  @Field(() => String) studentId!: string;
  @Field(() => String) name!: string;
  @Field(() => DocumentKind) kind!: DocumentKind;
  @Field(() => CohortEntryOutcome) outcome!: JobEntry['outcome'];
  @Field(() => String, { nullable: true, description: 'NOT_A_GRADUATE, ALREADY_VALID, UNIVERSITY_UNAVAILABLE, CANCELLED or ERROR' }) reason!: string | null;
  @Field(() => String, { nullable: true, description: 'The student’s status, the valid version, or the error code' }) detail!: string | null;
  @Field(() => String, { nullable: true, description: 'The document number, issued or already valid' }) number!: string | null;
}

@ObjectType('CohortIssueStages', { description: 'Where a cohort run’s time went so far, in seconds (the cohort benchmark reports it)' })
class CohortIssueStages {
  @Field(() => Float, { description: 'Waiting for the federated record through the gateway (overlapped with the previous chunk’s rendering)' }) readSeconds!: number;
  @Field(() => Float, { description: 'Worker time making the text and the PDFs, summed over the workers' }) renderSeconds!: number;
  @Field(() => Float, { description: 'Worker time signing the PDFs (PAdES) and the ELMO (XML-DSig), summed over the workers' }) signSeconds!: number;
  @Field(() => Float, { description: 'The consortium database: locks, numbers, inserts and commits' }) storeSeconds!: number;
  @Field(() => Float, { description: 'Time waited for the worker pool' }) renderWallSeconds!: number;
}

@ObjectType('CohortIssueJob', { description: 'Issuing the diplomas and supplements of an intake, on every core' })
class CohortIssueJob {
  @Field(() => ID) id!: string;
  @Field(() => Int) cohort!: number;
  @Field(() => String) issuedOn!: string;
  @Field(() => CohortJobState) state!: CohortJob['state'];
  @Field(() => Int, { description: 'Students × kinds' }) total!: number;
  @Field(() => Int) issued!: number;
  @Field(() => Int) skipped!: number;
  @Field(() => Int) failed!: number;
  @Field(() => String) startedAt!: string;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
  @Field(() => Int, { nullable: true, description: 'Seconds left at the pace so far' }) etaSeconds!: number | null;
  @Field(() => String, { nullable: true, description: 'The error code that stopped the job' }) error!: string | null;
  @Field(() => CohortIssueStages) stages!: CohortIssueStages;
  @Field(() => [CohortIssueEntry], { description: 'Entries not issued (skipped or failed) with their reason; all entries with `all: true`' }) report!: CohortIssueEntry[];
}

function view(job: CohortJob, all: boolean): CohortIssueJob {
  return {
    id: job.id,
    cohort: job.cohort,
    issuedOn: job.issuedOn,
    state: job.state,
    total: job.total,
    issued: job.issued,
    skipped: job.skipped,
    failed: job.failed,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    etaSeconds: CohortIssueJobs.eta(job),
    error: job.error,
    stages: {
      readSeconds: job.stages.readMs / 1000,
      renderSeconds: job.stages.renderMs / 1000,
      signSeconds: job.stages.signMs / 1000,
      storeSeconds: job.stages.storeMs / 1000,
      renderWallSeconds: job.stages.renderWallMs / 1000,
    },
    report: job.entries.filter((e) => all || e.outcome !== 'ISSUED'),
  };
}

function jobs(ctx: ConsortiumContext): CohortIssueJobs {
  if (!ctx.documents.jobs) throw new DomainError(ErrorCode.CONFIG_INVALID, 'Cohort runs are not configured in this process');
  return ctx.documents.jobs;
}

@Resolver()
export class CohortIssueResolver {
  @Mutation(() => CohortIssueJob, { description: 'Starts issuing the diploma and supplement of every graduate of an intake (§17, §18); follow it with cohortIssueJob' })
  @Directive(AUTHENTICATED)
  async startCohortIssue(@Arg('input', () => StartCohortIssueInput) input: StartCohortIssueInput, @Ctx() ctx: ConsortiumContext): Promise<CohortIssueJob> {
    committeeMember(ctx, 'issuing a cohort’s documents (§17 (2), §18 (1))');
    return view(await jobs(ctx).start(input), false);
  }

  @Mutation(() => CohortIssueJob, { description: 'Stops a cohort run after the chunk in progress; what was issued stays issued' })
  @Directive(AUTHENTICATED)
  stopCohortIssue(@Arg('input', () => StopCohortIssueInput) input: StopCohortIssueInput, @Ctx() ctx: ConsortiumContext): CohortIssueJob {
    return this.cancelCohortIssue(input.jobId, ctx);
  }

  @Mutation(() => CohortIssueJob, { description: 'Stops a cohort run after the chunk in progress; what was issued stays issued', deprecationReason: useInstead('stopCohortIssue(input: { jobId })') })
  @Directive(AUTHENTICATED)
  cancelCohortIssue(@Arg('id', () => String) id: string, @Ctx() ctx: ConsortiumContext): CohortIssueJob {
    committeeMember(ctx, 'cancelling a cohort run');
    return view(jobs(ctx).cancel(id), false);
  }

  @Query(() => CohortIssueJob, { description: 'Progress and report of a cohort run' })
  @Directive(AUTHENTICATED)
  cohortIssueJob(@Arg('id', () => String) id: string, @Arg('all', () => Boolean, { defaultValue: false }) all: boolean, @Ctx() ctx: ConsortiumContext): CohortIssueJob {
    committeeMember(ctx, 'following a cohort run');
    return view(jobs(ctx).get(id), all);
  }
}
