/**
 * Redis commands and what they do, for `redis-cli CMD …`, lines typed at a
 * `127.0.0.1:6379>` prompt, and lines after a bare `redis-cli` in a block.
 * Two-word entries (`CONFIG SET`) win over one-word entries (`CONFIG`).
 */
import type { Risk } from './index';
import type { RedisRule } from './riskTypes';

function redis(command: string, risk: Risk, reason: string, example?: string): RedisRule {
  return { command, risk, reason, example: example ?? command.toLowerCase() };
}

const READS = [
  'PING', 'INFO', 'LLEN', 'GET', 'MGET', 'TTL', 'PTTL', 'TYPE', 'EXISTS', 'KEYS', 'SCAN', 'HGET', 'HGETALL', 'HMGET',
  'HLEN', 'HKEYS', 'HVALS', 'HSCAN', 'HEXISTS', 'SCARD', 'SMEMBERS', 'SISMEMBER', 'SSCAN', 'ZCARD', 'ZRANGE', 'ZSCORE',
  'ZRANK', 'ZCOUNT', 'ZSCAN', 'ZREVRANGE', 'ZRANGEBYSCORE', 'LRANGE', 'LINDEX', 'XLEN', 'XRANGE', 'XREVRANGE', 'XREAD',
  'XPENDING', 'DBSIZE', 'ROLE', 'TIME', 'STRLEN', 'GETRANGE', 'ECHO', 'MONITOR', 'LASTSAVE', 'SUBSCRIBE', 'PSUBSCRIBE',
  'PFCOUNT', 'BITCOUNT', 'GEOPOS', 'GEODIST', 'DUMP', 'RANDOMKEY', 'COMMAND', 'HELLO', 'AUTH', 'SELECT', 'READONLY',
  'OBJECT', 'WAIT', 'QUIT', 'EXIT',
];

export const REDIS_RULES: readonly RedisRule[] = [
  ...READS.map((c) => redis(c, 'read', `${c} only reads`)),
  redis('CLIENT LIST', 'read', 'CLIENT LIST only lists connections', 'CLIENT LIST'),
  redis('CLIENT INFO', 'read', 'CLIENT INFO only reads', 'CLIENT INFO'),
  redis('CLIENT GETNAME', 'read', 'CLIENT GETNAME only reads', 'CLIENT GETNAME'),
  redis('CONFIG GET', 'read', 'CONFIG GET only reads settings', 'CONFIG GET maxmemory'),
  redis('MEMORY USAGE', 'read', 'MEMORY USAGE only reads', 'MEMORY USAGE session:1'),
  redis('MEMORY STATS', 'read', 'MEMORY STATS only reads', 'MEMORY STATS'),
  redis('MEMORY DOCTOR', 'read', 'MEMORY DOCTOR only reads', 'MEMORY DOCTOR'),
  redis('SLOWLOG GET', 'read', 'SLOWLOG GET only reads', 'SLOWLOG GET 10'),
  redis('SLOWLOG LEN', 'read', 'SLOWLOG LEN only reads', 'SLOWLOG LEN'),
  redis('LATENCY LATEST', 'read', 'LATENCY LATEST only reads', 'LATENCY LATEST'),
  redis('LATENCY DOCTOR', 'read', 'LATENCY DOCTOR only reads', 'LATENCY DOCTOR'),
  redis('CLUSTER INFO', 'read', 'CLUSTER INFO only reads', 'CLUSTER INFO'),
  redis('CLUSTER NODES', 'read', 'CLUSTER NODES only reads', 'CLUSTER NODES'),
  redis('CLUSTER SLOTS', 'read', 'CLUSTER SLOTS only reads', 'CLUSTER SLOTS'),
  redis('CLUSTER SHARDS', 'read', 'CLUSTER SHARDS only reads', 'CLUSTER SHARDS'),
  redis('XINFO', 'read', 'XINFO only reads', 'XINFO STREAM orders'),
  redis('SENTINEL MASTERS', 'read', 'SENTINEL MASTERS only reads', 'SENTINEL MASTERS'),
  redis('SENTINEL GET-MASTER-ADDR-BY-NAME', 'read', 'only reads the master address', 'SENTINEL get-master-addr-by-name mymaster'),

  redis('CONFIG SET', 'change', 'CONFIG SET changes a live server setting', 'CONFIG SET maxmemory-policy allkeys-lru'),
  redis('CONFIG REWRITE', 'change', 'CONFIG REWRITE writes the live settings into redis.conf', 'CONFIG REWRITE'),
  redis('CONFIG RESETSTAT', 'change', 'CONFIG RESETSTAT resets the server statistics', 'CONFIG RESETSTAT'),
  redis('CLIENT KILL', 'change', 'CLIENT KILL disconnects clients (they usually reconnect)', 'CLIENT KILL ID 42'),
  redis('CLIENT PAUSE', 'change', 'CLIENT PAUSE stops serving clients for a while', 'CLIENT PAUSE 5000'),
  redis('CLIENT SETNAME', 'change', 'CLIENT SETNAME names this connection', 'CLIENT SETNAME ops'),
  redis('SLOWLOG RESET', 'change', 'SLOWLOG RESET clears the slow log', 'SLOWLOG RESET'),
  redis('LATENCY RESET', 'change', 'LATENCY RESET clears latency data', 'LATENCY RESET'),
  redis('MEMORY PURGE', 'change', 'MEMORY PURGE asks the allocator to release memory', 'MEMORY PURGE'),
  redis('CLUSTER FAILOVER', 'change', 'CLUSTER FAILOVER promotes this replica', 'CLUSTER FAILOVER'),
  redis('SENTINEL FAILOVER', 'change', 'SENTINEL FAILOVER promotes a replica', 'SENTINEL FAILOVER mymaster'),
  redis('REPLICAOF NO', 'change', 'REPLICAOF NO ONE promotes this replica to a master', 'REPLICAOF NO ONE'),
  redis('SLAVEOF NO', 'change', 'SLAVEOF NO ONE promotes this replica to a master', 'SLAVEOF NO ONE'),
  ...['SET', 'SETEX', 'SETNX', 'PSETEX', 'MSET', 'HSET', 'HMSET', 'HSETNX', 'HINCRBY', 'INCR', 'INCRBY', 'DECR', 'DECRBY', 'APPEND', 'EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PERSIST', 'LPUSH', 'RPUSH', 'LINSERT', 'LSET', 'SADD', 'SMOVE', 'ZADD', 'ZINCRBY', 'XADD', 'XGROUP', 'XACK', 'XCLAIM', 'PUBLISH', 'PFADD', 'GEOADD', 'SETRANGE', 'SETBIT', 'RESTORE', 'COPY', 'MULTI', 'EXEC', 'DISCARD', 'WATCH', 'UNWATCH'].map((c) =>
    redis(c, 'change', `${c} writes data (nothing existing is removed)`)),
  redis('RENAME', 'change', 'RENAME renames a key (overwriting the target if it exists)', 'RENAME jobs jobs:old'),
  ...['BGSAVE', 'SAVE', 'BGREWRITEAOF', 'FAILOVER', 'SWAPDB', 'MIGRATE', 'MOVE'].map((c) => redis(c, 'change', `${c} changes server state or moves data`)),
  ...['EVAL', 'EVALSHA', 'FCALL', 'SCRIPT', 'FUNCTION', 'MODULE'].map((c) => redis(c, 'unknown', `${c} runs server-side code the rules cannot see inside`)),

  redis('FLUSHALL', 'destroy', 'FLUSHALL deletes every key in the Redis instance', 'FLUSHALL'),
  redis('FLUSHDB', 'destroy', 'FLUSHDB deletes every key in the current database', 'FLUSHDB'),
  redis('DEL', 'destroy', 'DEL deletes keys', 'DEL "cache:slow_key"'),
  redis('UNLINK', 'destroy', 'UNLINK deletes keys', 'UNLINK cache:old'),
  redis('GETDEL', 'destroy', 'GETDEL deletes the key after reading it', 'GETDEL token:1'),
  redis('SHUTDOWN', 'destroy', 'SHUTDOWN stops the server; unsaved data can be lost', 'SHUTDOWN NOSAVE'),
  redis('DEBUG', 'destroy', 'DEBUG can crash or stall the server', 'DEBUG SLEEP 10'),
  redis('REPLICAOF', 'destroy', 'REPLICAOF makes this server a replica and discards its own data', 'REPLICAOF 10.0.0.5 6379'),
  redis('SLAVEOF', 'destroy', 'SLAVEOF makes this server a replica and discards its own data', 'SLAVEOF 10.0.0.5 6379'),
  redis('CLUSTER RESET', 'destroy', 'CLUSTER RESET wipes the node cluster state', 'CLUSTER RESET HARD'),
  redis('CLUSTER FORGET', 'destroy', 'CLUSTER FORGET removes a node from the cluster', 'CLUSTER FORGET 07c37dfeb235213a872192d90877d0cd55635b91'),
  redis('SCRIPT FLUSH', 'destroy', 'SCRIPT FLUSH deletes all cached scripts', 'SCRIPT FLUSH'),
  redis('FUNCTION FLUSH', 'destroy', 'FUNCTION FLUSH deletes all functions', 'FUNCTION FLUSH'),
  redis('FUNCTION DELETE', 'destroy', 'FUNCTION DELETE deletes a function library', 'FUNCTION DELETE mylib'),
  ...['LPOP', 'RPOP', 'BLPOP', 'BRPOP', 'LMPOP', 'LREM', 'LTRIM', 'RPOPLPUSH', 'LMOVE', 'SREM', 'SPOP', 'ZREM', 'ZPOPMIN', 'ZPOPMAX', 'ZREMRANGEBYSCORE', 'ZREMRANGEBYRANK', 'HDEL', 'XDEL', 'XTRIM', 'GETSET'].map((c) =>
    redis(c, 'destroy', `${c} removes or overwrites data`)),
];

/** redis-cli options that take a value: `redis-cli -h host -p 6379 -n 2 INFO`. */
export const REDIS_CLI_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '-h', '-p', '-a', '-n', '-u', '-s', '-r', '-i', '-d', '-D', '-t', '--user', '--pass', '--askpass-only', '--sni', '--cacert', '--cacertdir',
  '--cert', '--key', '--tls-ciphers', '--tls-ciphersuites', '--pattern', '--count', '--quoted-pattern', '--eval', '--rdb', '--functions-rdb',
  '--memkeys-samples', '--pipe-timeout',
]);

/** redis-cli modes that only read: `--scan`, `--bigkeys`, `--stat`, … */
export const REDIS_CLI_READ_MODES: ReadonlySet<string> = new Set([
  '--scan', '--bigkeys', '--memkeys', '--hotkeys', '--stat', '--latency', '--latency-history', '--latency-dist', '--intrinsic-latency', '--version', '-v', '--help',
]);
