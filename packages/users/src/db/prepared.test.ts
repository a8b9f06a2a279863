import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing';
import { preparedQuery } from './prepared';

describe('prepared queries', () => {
  it('compile once and run with new values each time, on any connection of the database', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const insert = preparedQuery((db, key: string, at: number) =>
        db.insertInto('throttleEvents').values({ scope: 'test', key, createdAt: at }),
      );
      const find = preparedQuery((db, key: string) =>
        db.selectFrom('throttleEvents').select(['key', 'createdAt']).where('key', '=', key),
      );
      await insert(database.db, 'a', 1);
      await insert(database.db, 'b', 2);
      await database.db.transaction().execute(async (trx) => {
        await insert(trx, 'c', 3);
      });
      expect(await find(database.db, 'b')).toEqual([{ key: 'b', createdAt: 2 }]);
      expect(await find(database.db, 'c')).toEqual([{ key: 'c', createdAt: 3 }]);
      expect(await find(database.db, 'nope')).toEqual([]);
    } finally {
      await database.destroy();
    }
  });

  it('refuses a build that does not use a parameter as a plain value', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const broken = preparedQuery((db, key: string) =>
        db.selectFrom('throttleEvents').select('key').where('key', '=', key.slice(1)),
      );
      await expect(broken(database.db, 'x')).rejects.toThrow('plain value');
    } finally {
      await database.destroy();
    }
  });
});
