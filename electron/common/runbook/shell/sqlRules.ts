/**
 * Risk tables for text sent to a database client: SQL (psql, mysql, sqlite3, `sql`
 * blocks) and the Mongo shell. Patterns run against a normalized statement: upper
 * case, comments and string literals removed, whitespace collapsed, so
 * `WHERE note = 'DELETE me'` does not look like a DELETE.
 *
 * UPDATE is `destroy`, not `change`: it overwrites rows in place and their old
 * values are gone (the brief's `change` "loses no data"). INSERT only adds rows,
 * so it is `change`.
 */
import type { TextRiskRule } from './riskTypes';
import type { Risk } from './index';

function sql(pattern: RegExp, risk: Risk, reason: string, example: string, fallback = false): TextRiskRule {
  return { pattern, risk, reason, example, fallback };
}

export const SQL_RULES: readonly TextRiskRule[] = [
  // Anywhere in a statement.
  sql(/\bPG_TERMINATE_BACKEND\s*\(/, 'destroy', 'pg_terminate_backend ends database sessions; their open transactions are rolled back', 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = \'idle\';'),
  sql(/\bPG_CANCEL_BACKEND\s*\(/, 'change', 'pg_cancel_backend cancels running queries (the sessions stay)', 'SELECT pg_cancel_backend(1234);'),
  sql(/\bPG_RELOAD_CONF\s*\(/, 'change', 'pg_reload_conf reloads the server configuration', 'SELECT pg_reload_conf();'),
  sql(/\bPG_DROP_REPLICATION_SLOT\s*\(/, 'destroy', 'dropping a replication slot loses its place; a replica may need a full resync', "SELECT pg_drop_replication_slot('replica_1');"),
  sql(/\bPG_(PROMOTE|SWITCH_WAL|CREATE_RESTORE_POINT|ROTATE_LOGFILE)\s*\(/, 'change', 'changes server state (promote, WAL switch, log rotation)', 'SELECT pg_switch_wal();'),
  sql(/\bSETVAL\s*\(/, 'change', 'setval changes a sequence', "SELECT setval('orders_id_seq', 1000);"),
  sql(/\bDELETE\s+FROM\b|^DELETE\b/, 'destroy', 'DELETE removes rows; they cannot be recovered without a backup', 'DELETE FROM sessions WHERE expires_at < now();'),
  sql(/\bUPDATE\s+\S+(\s+\S+)?\s+SET\b|^UPDATE\b/, 'destroy', 'UPDATE overwrites rows in place; their old values are lost', "UPDATE feature_flags SET enabled = false WHERE name = 'x';"),
  sql(/\bINSERT\s+INTO\b|^INSERT\b/, 'change', 'INSERT adds rows', "INSERT INTO maintenance_log (note) VALUES ('restart');"),
  sql(/\bTRUNCATE\b/, 'destroy', 'TRUNCATE empties the table at once', 'TRUNCATE TABLE job_queue;'),
  sql(/\bDROP\s+(TABLE|DATABASE|SCHEMA|INDEX|VIEW|MATERIALIZED\s+VIEW|SEQUENCE|FUNCTION|PROCEDURE|TRIGGER|USER|ROLE|EXTENSION|TYPE|OWNED|COLUMN|CONSTRAINT|PUBLICATION|SUBSCRIPTION|TABLESPACE|EVENT|PARTITION)\b|^DROP\b/, 'destroy', 'DROP deletes the object and everything in it', 'DROP TABLE tmp_import;'),
  sql(/^(MERGE|REPLACE|UPSERT)\b/, 'destroy', 'MERGE/REPLACE can overwrite or delete existing rows', 'MERGE INTO stock s USING incoming i ON s.id = i.id WHEN MATCHED THEN UPDATE SET qty = i.qty;'),
  sql(/^KILL\b/, 'destroy', 'KILL ends a database connection or query; its work is lost', 'KILL 1234;'),
  sql(/^PURGE\b/, 'destroy', 'PURGE deletes binary logs', "PURGE BINARY LOGS BEFORE '2024-01-01';"),
  sql(/^ALTER\s+SYSTEM\b/, 'change', 'ALTER SYSTEM changes the server configuration', "ALTER SYSTEM SET max_connections = 300;"),
  sql(/^ALTER\b(?!\s+SYSTEM\b)/, 'change', 'ALTER changes the structure or settings of an object', 'ALTER TABLE orders ADD COLUMN note text;'),
  sql(/^(CREATE|GRANT|REVOKE|COMMENT|SECURITY|REASSIGN|IMPORT)\b/, 'change', 'creates objects or changes permissions', 'CREATE INDEX CONCURRENTLY idx_orders_user ON orders (user_id);'),
  sql(/^(VACUUM|ANALYZE|ANALYSE|REINDEX|CLUSTER|CHECKPOINT|REFRESH|OPTIMIZE|REPAIR|DISCARD|RESET|LOCK|LOAD|NOTIFY|LISTEN|UNLISTEN|FLUSH|INSTALL|UNINSTALL)\b/, 'change', 'runs maintenance or changes server or session state', 'VACUUM ANALYZE orders;'),
  sql(/^(SET|START\s+(SLAVE|REPLICA)|STOP\s+(SLAVE|REPLICA)|CHANGE\s+(MASTER|REPLICATION))\b/, 'change', 'SET changes a setting (for this session unless GLOBAL)', 'SET statement_timeout = \'30s\';'),
  sql(/^COPY [^\s(]+( ?\([^)]*\))? FROM\b/, 'change', 'COPY … FROM loads rows into a table', "COPY orders FROM '/tmp/orders.csv' CSV;"),
  sql(/^(CALL|DO|EXECUTE|EXEC)\b/, 'unknown', 'runs a procedure or code block the rules cannot see inside', 'CALL rebuild_stats();'),
  // Reads: only when nothing above fired.
  sql(/^(SELECT|WITH|SHOW|EXPLAIN|TABLE|VALUES|DESCRIBE|DESC|USE|HELP|FETCH|PREPARE|DEALLOCATE|DECLARE|CLOSE|MOVE|STATUS)\b/, 'read', 'SELECT/SHOW/EXPLAIN only read', 'SELECT count(*) FROM pg_stat_activity;', true),
  sql(/^COPY\b/, 'read', 'COPY … TO only exports rows', "COPY (SELECT * FROM orders) TO STDOUT CSV;", true),
  sql(/^(BEGIN|COMMIT|ROLLBACK|END|SAVEPOINT|RELEASE|START\s+TRANSACTION|ABORT)\b/, 'read', 'transaction control changes nothing by itself', 'BEGIN;', true),
  sql(/^\\(COPY|!|I|IR|INCLUDE)\b/i, 'unknown', 'runs a file or shell command the rules cannot see', '\\i fix.sql'),
  sql(/^\\(Q|QUIT)\b|^\\[A-Z?]/, 'read', 'a psql meta-command that only shows information', '\\conninfo', true),
  sql(/^(EXIT|QUIT)\b/, 'read', 'leaves the client', 'exit', true),
];

export const MONGO_RULES: readonly TextRiskRule[] = [
  { pattern: /\.(DROP|DROPDATABASE|DELETEONE|DELETEMANY|REMOVE|FINDONEANDDELETE|DROPINDEX|DROPINDEXES)\s*\(|\bKILLOP\s*\(/, risk: 'destroy', reason: 'deletes documents or collections, or kills an operation', example: 'db.sessions.deleteMany({})' },
  { pattern: /\.(UPDATEONE|UPDATEMANY|REPLACEONE|INSERT|INSERTONE|INSERTMANY|CREATEINDEX|CREATECOLLECTION|FINDONEANDUPDATE|FINDONEANDREPLACE|RENAMECOLLECTION|STEPDOWN|RECONFIG|ADMINCOMMAND|SETPROFILINGLEVEL|FSYNCLOCK|FSYNCUNLOCK|RUNCOMMAND)\s*\(/, risk: 'change', reason: 'writes documents or changes server state', example: 'rs.stepDown()' },
  { pattern: /\.(FIND|FINDONE|COUNT|COUNTDOCUMENTS|AGGREGATE|STATS|SERVERSTATUS|CURRENTOP|GETINDEXES|STATUS|CONF|ISMASTER|HELLO|PRINTREPLICATIONINFO|PRINTSECONDARYREPLICATIONINFO|GETCOLLECTIONNAMES|EXPLAIN|DISTINCT|GETPROFILINGSTATUS|VERSION|HOSTINFO)\s*\(|^(SHOW|USE|IT|EXIT|QUIT)\b/, risk: 'read', reason: 'only reads documents or server state', example: 'db.currentOp()', fallback: true },
];
