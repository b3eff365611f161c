-- Shared by the queue scripts (prepended to each): a group's queue is a set of lanes, one sorted set per set of
-- requested skills, keys "<prefix><lane>" in the tenant's hash slot. The scripts build lane keys from the lane
-- set's members, so they cannot all be declared in KEYS; every one of them is in the slot of the declared keys.

-- Every non-empty lane's head as flat quadruples: lane, conversation id, score, request JSON (false if missing).
local function lane_heads(lanes_key, requests_key, prefix)
  local out = {}
  for _, lane in ipairs(redis.call('SMEMBERS', lanes_key)) do
    local head = redis.call('ZRANGE', prefix .. lane, 0, 0, 'WITHSCORES')
    if head[1] then
      table.insert(out, lane)
      table.insert(out, head[1])
      table.insert(out, head[2])
      table.insert(out, redis.call('HGET', requests_key, head[1]) or false)
    end
  end
  return out
end

-- Takes a conversation out of the lane its stored request names, and forgets the request. No-op if not waiting.
local function dequeue(requests_key, queue_prefix, conversation)
  local request = redis.call('HGET', requests_key, conversation)
  if request then
    local r = cjson.decode(request)
    redis.call('ZREM', queue_prefix .. r.group .. ':' .. r.lane, conversation)
    redis.call('HDEL', requests_key, conversation)
  end
end
