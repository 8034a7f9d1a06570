-- Checks and counts several fixed-window counters atomically, in one round trip.
-- KEYS[i]            counter i
-- ARGV[2i-1], ARGV[2i]  limit of counter i, TTL in ms given to counter i when it is created
-- Rule: if any counter is already at its limit, nothing is incremented and the first such counter is reported;
-- otherwise every counter is incremented (a new counter gets its TTL).
-- Returns {refused, count_1, ttl_1, ..., count_n, ttl_n}: refused is the 1-based index of the refusing counter
-- or 0; count is the counter after this call (unchanged when refused); ttl is its remaining TTL in ms.
local n = #KEYS
local counts = {}
local ttls = {}
local refused = 0
for i = 1, n do
  local limit = tonumber(ARGV[2 * i - 1])
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  counts[i] = count
  ttls[i] = redis.call('PTTL', KEYS[i])
  if refused == 0 and count + 1 > limit then
    refused = i
  end
end
if refused == 0 then
  for i = 1, n do
    local count = redis.call('INCR', KEYS[i])
    -- A counter without TTL (first increment, or an expiry lost by an operator) would never reset: give it one.
    if count == 1 or ttls[i] < 0 then
      redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
      ttls[i] = tonumber(ARGV[2 * i])
    end
    counts[i] = count
  end
end
local result = { refused }
for i = 1, n do
  result[#result + 1] = counts[i]
  result[#result + 1] = ttls[i]
end
return result
