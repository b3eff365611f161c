-- Forgets a group's empty lanes, the group once it has none, and the tenant once it has no group, so sweeps cost
-- what waits now, not every queue there ever was. Atomic with queue-add.lua, which registers them again.
-- KEYS: 1 the group's lane set, 2 the tenant's group set, 3 tenants with queues.
-- ARGV: 1 the group's lane key prefix, 2 group, 3 tenant.
for _, lane in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('ZCARD', ARGV[1] .. lane) == 0 then redis.call('SREM', KEYS[1], lane) end
end
if redis.call('SCARD', KEYS[1]) > 0 then return 0 end
redis.call('SREM', KEYS[2], ARGV[2])
if redis.call('SCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[3], ARGV[3]) end
return 1
