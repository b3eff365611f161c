-- Everything waiting in a group, lane by lane, as flat triples: conversation id, score, request JSON (false if the
-- request is missing: such an entry is being claimed or repaired and is not counted as waiting).
-- KEYS: 1 the group's lane set, 2 request hash. ARGV: 1 the group's lane key prefix.
local out = {}
for _, lane in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local entries = redis.call('ZRANGE', ARGV[1] .. lane, 0, -1, 'WITHSCORES')
  for i = 1, #entries, 2 do
    table.insert(out, entries[i])
    table.insert(out, entries[i + 1])
    table.insert(out, redis.call('HGET', KEYS[2], entries[i]) or false)
  end
end
return out
