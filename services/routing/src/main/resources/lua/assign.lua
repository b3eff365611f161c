-- One routing decision. Is this conversation still first in line: the head of its lane, and is every lane of the
-- group whose head waited longer one the router passed over (its head unchanged)? Then which of the candidates
-- are online (fresh heartbeat) and below capacity, and who ranks first by the group's strategy (the ordering of
-- AgentScorer, on the live load and idle time)? That agent's load goes up by one, the conversation leaves its lane
-- and is marked claimed. The reply always carries the lanes' heads as they now are, so a drain needs no read
-- between decisions: {outcome, agent or '', lane heads...} with outcome 'assigned', 'stale' or 'full'.
-- KEYS: 1 the conversation's lane, 2 load hash, 3 request hash, 4 claimed marker, 5 online agents, 6 idle-since
--       hash, 7 the group's lane set.
-- ARGV: 1 conversation id, 2 marker TTL (s), 3 strategy, 4 now (ms), 5 online since (ms), 6 VIP factor,
--       7..10 weights skill / free / rating / idle, 11 idle cap (ms), 12 the group's lane key prefix,
--       13 n passed-over lanes, then n pairs (lane, its head), then per candidate: agent, capacity, skill share,
--       rating share. Candidates come in agent-id order, so keeping the earlier of two equals breaks the last tie
--       as AgentScorer does.
local conversation, prefix = ARGV[1], ARGV[12]
local function reply(outcome, agent)
  local out = {outcome, agent or ''}
  for _, v in ipairs(lane_heads(KEYS[7], KEYS[3], prefix)) do table.insert(out, v) end
  return out
end

local passed, n = {}, tonumber(ARGV[13])
for i = 1, n do passed[ARGV[12 + 2 * i]] = ARGV[13 + 2 * i] end
local mine = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if mine[1] ~= conversation then return reply('stale') end
local score = tonumber(mine[2])
for _, lane in ipairs(redis.call('SMEMBERS', KEYS[7])) do
  local head = redis.call('ZRANGE', prefix .. lane, 0, 0, 'WITHSCORES')
  if head[1] and head[1] ~= conversation and passed[lane] ~= head[1] then
    local s = tonumber(head[2])
    if s < score or (s == score and head[1] < conversation) then return reply('stale') end
  end
end

-- one call per lookup for all candidates (absent: false), in slices that unpack can take
local function many(command, key, names)
  local all = {}
  for from = 1, #names, 1000 do
    local slice = redis.call(command, key, unpack(names, from, math.min(from + 999, #names)))
    for j = 1, #slice do all[from + j - 1] = slice[j] end
  end
  return all
end

local strategy, now, since, vip = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local wSkill, wFree, wRating, wIdle = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local idleCap = tonumber(ARGV[11])
local first = 14 + 2 * n
local agents = {}
for i = first, #ARGV, 4 do table.insert(agents, ARGV[i]) end
local seen, loads, idles = many('ZMSCORE', KEYS[5], agents), many('HMGET', KEYS[2], agents),
  many('HMGET', KEYS[6], agents)
local best, bestKey, bestIdle
for k, agent in ipairs(agents) do
  local i = first + 4 * (k - 1)
  if seen[k] and tonumber(seen[k]) >= since then
    local capacity = tonumber(ARGV[i + 1])
    local load = tonumber(loads[k]) or 0
    if load < capacity then
      local idleSince = tonumber(idles[k]) or 0
      local key
      if strategy == 'least_loaded' then
        key = load
      elseif strategy == 'round_robin' then
        key = 0
      else
        local free = 0
        if capacity > 0 then free = 1.0 - load / capacity end
        local idle = math.min(math.max(0, now - idleSince), idleCap) / idleCap
        key = -(wSkill * tonumber(ARGV[i + 2]) + wFree * free + wRating * tonumber(ARGV[i + 3]) * vip
          + wIdle * idle)
      end
      if best == nil or key < bestKey or (key == bestKey and idleSince < bestIdle) then
        best, bestKey, bestIdle = agent, key, idleSince
      end
    end
  end
end
if best == nil then return reply('full') end
redis.call('HINCRBY', KEYS[2], best, 1)
redis.call('ZREM', KEYS[1], conversation)
redis.call('HDEL', KEYS[3], conversation)
redis.call('SET', KEYS[4], best, 'EX', ARGV[2])
return reply('assigned', best)
