-- The heads of a group's lanes, with their requests (see lane_heads).
-- KEYS: 1 the group's lane set, 2 request hash. ARGV: 1 the group's lane key prefix.
return lane_heads(KEYS[1], KEYS[2], ARGV[1])
