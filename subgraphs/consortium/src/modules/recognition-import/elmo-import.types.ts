import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('ElmoSigner', { description: 'The certificate an ELMO file was signed with; its signature verified' })
export class ElmoSignerType {
  @Field(() => String, { description: 'The certificate subject, e.g. "C=EE, O=Tallinn University, CN=…"; the committee judges whether it is the issuing institution' })
  subject!: string;
  @Field(() => String) issuer!: string;
  @Field(() => String, { description: 'SHA-256 (hex) of the certificate' }) certificateSha256!: string;
  @Field(() => String, { description: 'ISO date-time' }) validFrom!: string;
  @Field(() => String, { description: 'ISO date-time' }) validTo!: string;
}

@ObjectType('ElmoLearner', { description: 'Whom the ELMO file is about, as the file says' })
export class ElmoLearnerType {
  @Field(() => String) givenNames!: string;
  @Field(() => String) familyName!: string;
  @Field(() => String, { nullable: true, description: 'ISO date' }) dateOfBirth!: string | null;
}

@ObjectType('ElmoLearningOpportunity', { description: 'A course, module or other learning opportunity of an ELMO file, as its issuer reported it' })
export class LearningOpportunityType {
  @Field(() => String, { description: 'Its place in the file (report, then position, e.g. "1.3", a part "1.3.2"): what a recognition decision cites' })
  key!: string;
  @Field(() => String, { nullable: true, description: "The issuer's code" }) code!: string | null;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: 'Course, Module, Degree Programme, …' }) type!: string | null;
  @Field(() => String, { nullable: true, description: 'ECTS credits as written, e.g. "7.5"' }) credits!: string | null;
  @Field(() => String, { nullable: true, description: "The issuer's grade on its own scale" }) resultLabel!: string | null;
  @Field(() => String, { nullable: true, description: 'passed, failed or in-progress' }) status!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date of the result' }) date!: string | null;
  @Field(() => String, { description: 'The issuing institution' }) institution!: string;
  @Field(() => String, { nullable: true, description: 'ISO 3166 country code of the issuing institution' }) country!: string | null;
  @Field(() => String, { nullable: true, description: "The issuer's description of its grading scheme" }) gradingScheme!: string | null;
}

@ObjectType('ElmoPreview', { description: 'What the hub reads from an ELMO file, before anything is stored' })
export class ElmoPreview {
  @Field(() => String, { description: 'SHA-256 (hex) of the file' }) sha256!: string;
  @Field(() => Int, { description: 'Size in bytes' }) size!: number;
  @Field(() => Boolean, { description: 'Whether the file was signed (and its signature verified)' }) signed!: boolean;
  @Field(() => ElmoSignerType, { nullable: true, description: 'The verified signature’s certificate; null: not signed' }) signer!: ElmoSignerType | null;
  @Field(() => ElmoLearnerType) learner!: ElmoLearnerType;
  @Field(() => [LearningOpportunityType]) learningOpportunities!: LearningOpportunityType[];
}
