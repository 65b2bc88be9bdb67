import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';

/**
 * Runs a write inside its own transaction on a fresh fork. If a concurrent attempt of the same business key won the
 * race (unique constraint), the write is treated as already done: retries of an activity are harmless.
 */
export async function inTransaction<T>(root: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return root.fork().transactional(work);
}

export async function insertOnce(em: EntityManager, entity: object): Promise<boolean> {
  try {
    await em.transactional(async (inner) => {
      inner.persist(entity);
      await inner.flush();
    });
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) return false;
    throw err;
  }
}
