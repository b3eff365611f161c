-- Takes conversations out of their queues (they stopped waiting: moved to the offline desk, closed).
-- KEYS: 1 request hash. ARGV: 1 the tenant's queue key prefix, 2.. conversation ids.
for i = 2, #ARGV do dequeue(KEYS[1], ARGV[1], ARGV[i]) end
return #ARGV - 1
