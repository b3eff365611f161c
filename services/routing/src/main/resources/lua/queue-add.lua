-- Puts a waiting conversation in its lane (ZADD NX keeps its original place) and registers the lane, its group and
-- its tenant, unless a router claimed it moments ago (its PostgreSQL write may not be visible yet).
-- KEYS: 1 request hash, 2 lane, 3 the group's lane set, 4 the tenant's group set, 5 tenants with queues,
--       6 claimed marker.
-- ARGV: 1 conversation id, 2 request JSON, 3 score, 4 lane, 5 group, 6 tenant.
if redis.call('EXISTS', KEYS[6]) == 1 then return 0 end
redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[4])
redis.call('SADD', KEYS[4], ARGV[5])
redis.call('SADD', KEYS[5], ARGV[6])
return 1
