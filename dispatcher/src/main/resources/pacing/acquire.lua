-- Reserves up to ARGV[4] send slots of a business number's shared pace (GCRA, no burst): slots are at least 1/rate
-- apart on Redis's clock, so no one-second window ever holds more than rate + 1 sends of the number, whichever
-- dispatcher instance took them. Only slots within ARGV[2] of now are handed out, so a lowered rate applies quickly.
-- KEYS[1] = pace:{id}:tat  (theoretical arrival time of the next free slot, microseconds, Redis clock)
-- KEYS[2] = pace:{id}:rate (hash: rate, at; present only while the rate is lowered after a 130429)
-- KEYS[3] = pace:{id}:halt (present while the number is halted: no slot at all)
-- ARGV[1] = budget (messages a second), ARGV[2] = reservation horizon (microseconds),
-- ARGV[3] = additive recovery (messages a second, per second), ARGV[4] = slots wanted
-- Returns {granted, first, interval}: slot i (0-based) is at first + i * interval microseconds from now;
--         {0, retry, interval} when the next slot is beyond the horizon: ask again after retry microseconds;
--         {-1, 0, 0} when the number is halted.
if redis.call('EXISTS', KEYS[3]) == 1 then
  return {-1, 0, 0}
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local budget = tonumber(ARGV[1])
local horizon = tonumber(ARGV[2])
local recovery = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4])
local rate = budget
local lowered = redis.call('HMGET', KEYS[2], 'rate', 'at')
if lowered[1] then
  rate = tonumber(lowered[1]) + recovery * (now - tonumber(lowered[2])) / 1000000
  if rate >= budget then
    rate = budget
    redis.call('DEL', KEYS[2])
  end
end
local interval = math.ceil(1000000 / rate)
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
  tat = now
end
local first = tat - now
if first > horizon then
  return {0, first - horizon, interval}
end
local granted = 0
while granted < wanted and tat - now <= horizon do
  granted = granted + 1
  tat = tat + interval
end
redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.floor((tat - now) / 1000) + 60000)
return {granted, first, interval}
