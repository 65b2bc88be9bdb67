import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { monthOf } from '../../workflows/domain/months';
import { isSampled, quotaDraw } from '../../workflows/programs/dibao/sampling';
import type { ApplicationActivities, DrawSampleInput } from './application.contract';
import { Application } from './application.entity';
import { SamplingDraw, SamplingTally } from './sampling.entity';

/** Attempts when concurrent draws of one county collide on the tally's version. */
const MAX_ATTEMPTS = 8;

/**
 * The county's sampling draw (抽查入户) against the floor of its rate: once per application (the draw row is the
 * idempotency key), in one transaction with the county's monthly tally, so the floor holds however many cases of a
 * county reach the sampling point at once.
 */
export function samplingActivities(orm: MikroORM): Pick<ApplicationActivities, 'drawSample'> {
  return {
    async drawSample(input: DrawSampleInput): Promise<{ sampled: boolean }> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await orm.em.fork().transactional((em) => drawOnce(em, input));
        } catch (err) {
          if (err instanceof UniqueConstraintViolationException) {
            const prior = await orm.em.fork().findOneOrFail(SamplingDraw, { applicationId: input.applicationId });
            return { sampled: prior.sampled };
          }
          if (!(err instanceof OptimisticLockError) || attempt >= MAX_ATTEMPTS) throw err;
        }
      }
    },
  };
}

async function drawOnce(em: EntityManager, input: DrawSampleInput): Promise<{ sampled: boolean }> {
  const prior = await em.findOne(SamplingDraw, { applicationId: input.applicationId });
  if (prior) return { sampled: prior.sampled };
  const application = await em.findOneOrFail(Application, input.applicationId, { fields: ['regionCode'] });
  const countyCode = application.regionCode.slice(0, 6);
  const month = monthOf(input.at);
  const id = `${countyCode}:${month}`;
  let tally = await em.findOne(SamplingTally, id);
  if (!tally) em.persist((tally = new SamplingTally(countyCode, month)));
  const draw = quotaDraw({ cases: tally.cases, sampled: tally.sampled }, input.applicationId, input.rate);
  tally.cases = draw.tally.cases;
  tally.sampled = draw.tally.sampled;
  const forced = draw.sampled && !isSampled(input.applicationId, input.rate);
  em.persist(new SamplingDraw({ applicationId: input.applicationId, tallyId: id, sampled: draw.sampled, forced, drawnAt: new Date(input.at) }));
  await em.flush();
  return { sampled: draw.sampled };
}
