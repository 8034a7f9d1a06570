-- A 130429 (throughput reached): multiply the number's current rate by ARGV[2], never below ARGV[3]; the acquire
-- script adds ARGV[4] messages a second back each second until the budget is reached again.
-- Calls within ARGV[5] microseconds of the last decrease are ignored, so a burst of 130429s from requests that were
-- already in flight lowers the rate once, not once per request.
-- KEYS[1] = pace:{id}:rate ; ARGV[1] = budget, ARGV[2] = factor, ARGV[3] = floor, ARGV[4] = recovery, ARGV[5] = quiet
-- Returns the new rate (rounded down).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local budget = tonumber(ARGV[1])
local rate = budget
local lowered = redis.call('HMGET', KEYS[1], 'rate', 'at', 'cut')
if lowered[1] then
  rate = math.min(budget, tonumber(lowered[1]) + tonumber(ARGV[4]) * (now - tonumber(lowered[2])) / 1000000)
  if lowered[3] and now - tonumber(lowered[3]) < tonumber(ARGV[5]) then
    return math.floor(rate)
  end
end
rate = math.max(tonumber(ARGV[3]), rate * tonumber(ARGV[2]))
redis.call('HSET', KEYS[1], 'rate', tostring(rate), 'at', string.format('%d', now), 'cut', string.format('%d', now))
redis.call('PEXPIRE', KEYS[1], 3600000)
return math.floor(rate)
