import { FieldResolver, Resolver, Root } from 'type-graphql';
import { useInstead } from '@pioneer/shared/graphql';
import { CatalogueChange } from '../catalogue/catalogue-change.entity.js';
import { ExamComponent } from '../catalogue/exam-component.entity.js';
import { Registration } from './registration.entity.js';
import { RegistrationCancellation } from './registration-cancellation.entity.js';

/*
 * The 0.1 "component" names of output fields, kept as deprecated aliases until 0.3 (README
 * "Changelog"). Field resolvers rather than entity getters, so the ORM's entities stay plain data.
 */

@Resolver(() => Registration)
export class RegistrationFormerNames {
  @FieldResolver(() => ExamComponent, { deprecationReason: useInstead('examination') })
  component(@Root() registration: Registration): ExamComponent {
    return registration.component;
  }
}

@Resolver(() => RegistrationCancellation)
export class RegistrationCancellationFormerNames {
  @FieldResolver(() => ExamComponent, { deprecationReason: useInstead('examination') })
  component(@Root() cancellation: RegistrationCancellation): ExamComponent {
    return cancellation.component;
  }
}

@Resolver(() => CatalogueChange)
export class CatalogueChangeFormerNames {
  @FieldResolver(() => String, { nullable: true, deprecationReason: useInstead('examinationKey') })
  componentKey(@Root() change: CatalogueChange): string | null {
    return change.componentKey;
  }
}

export const FORMER_NAME_RESOLVERS = [RegistrationFormerNames, RegistrationCancellationFormerNames, CatalogueChangeFormerNames];
