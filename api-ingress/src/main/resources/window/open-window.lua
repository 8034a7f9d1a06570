-- Opens or extends a customer-service window: KEYS[1] the window key, ARGV[1] when the window closes (epoch ms,
-- the customer's message time + 24 h). Never shortens a later expiry (messages may arrive out of order or be
-- replayed), and never opens a window further ahead than 24 h from Redis's own clock (a sender clock in the future).
-- Returns 1 when the expiry was set, 0 when nothing changed.
local at = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local latest = now + 86400000
if at > latest then
  at = latest
end
if at <= now then
  return 0
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 and now + ttl >= at then
  return 0
end
redis.call('SET', KEYS[1], '1', 'PX', at - now)
return 1
