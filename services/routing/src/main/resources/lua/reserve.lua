-- Gives one specific conversation to one specific agent if they have room (accept, transfer, reassign), taking it
-- out of its queue if it waits in one, and marks it claimed.
-- KEYS: 1 load hash, 2 request hash, 3 claimed marker.
-- ARGV: 1 agent, 2 capacity, 3 conversation id, 4 marker TTL (s), 5 the tenant's queue key prefix.
local load = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if load >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
dequeue(KEYS[2], ARGV[5], ARGV[3])
redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[4])
return 1
