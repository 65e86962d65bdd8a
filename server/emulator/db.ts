import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order inside one transaction each; `PRAGMA user_version`
 * records how far a database has come. Append only: never edit a shipped migration.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    plan TEXT NOT NULL CHECK (plan IN ('trial', 'insight', 'intelligence', 'enterprise')),
    key_hash TEXT NOT NULL UNIQUE,
    api_calls INTEGER NOT NULL DEFAULT 0,
    period_start INTEGER NOT NULL,
    deletions_used INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE listings (
    id TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    coord_key TEXT NOT NULL,
    lat REAL NOT NULL,
    lng REAL NOT NULL,
    analysis TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
  );
  CREATE UNIQUE INDEX listings_active_coord ON listings(account_id, coord_key) WHERE deleted_at IS NULL;
  CREATE INDEX listings_account_created ON listings(account_id, created_at);
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL,
    total INTEGER NOT NULL,
    processed INTEGER NOT NULL DEFAULT 0,
    successful INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    submitted_at INTEGER NOT NULL,
    started_at INTEGER,
    completed_at INTEGER,
    version INTEGER NOT NULL DEFAULT 0,
    last_step INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX sessions_active ON sessions(status) WHERE status IN ('QUEUED', 'PROCESSING');
  CREATE TABLE session_locations (
    session_id TEXT NOT NULL REFERENCES sessions(id),
    idx INTEGER NOT NULL,
    lat REAL NOT NULL,
    lng REAL NOT NULL,
    status TEXT,
    quiet_score INTEGER,
    listing_id TEXT,
    error TEXT,
    analyzed_at INTEGER,
    PRIMARY KEY (session_id, idx)
  ) WITHOUT ROWID;
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
];

export type Db = Database.Database;

export function openDatabase(dataDir: string | ':memory:'): Db {
  let db: Db;
  if (dataDir === ':memory:') db = new Database(':memory:');
  else {
    fs.mkdirSync(dataDir, { recursive: true });
    db = new Database(path.join(dataDir, 'emulator.sqlite'));
    db.pragma('journal_mode = WAL');
  }
  // Every committed transaction survives a crash of the process (WAL + NORMAL is durable
  // against process death; only an OS crash could lose the last commits).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db) {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
