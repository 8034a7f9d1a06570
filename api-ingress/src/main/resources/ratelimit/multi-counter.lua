-- The send gate: idempotency claim, customer-service window and several fixed-window counters, checked atomically
-- in one round trip.
-- ARGV[1] n: number of counters          ARGV[2] mode: "count" (increment when allowed) or "peek" (never write)
-- ARGV[3] "1" when KEYS[n+1] is a window key that must exist, else "0"
-- ARGV[4] idempotency body hash, or "" (then no idempotency key is given); ARGV[5] in-flight marker TTL in ms
-- ARGV[5+2i-1], ARGV[5+2i]  limit of counter i, TTL in ms given to counter i when it is created
-- ARGV[5+2n+1], ARGV[5+2n+2] (optional) value and TTL in ms of a record set when the send passes and is counted
-- KEYS[1..n] counters, then the window key (when ARGV[3] is "1"), then the idempotency key (when ARGV[4] is set),
-- then the key of that record (when its value is given).
-- Order of the rules: a known idempotency key answers first (a duplicate must not consume quota), then the window
-- (refused before counting), then the counters: if any is at its limit nothing is incremented and the first such
-- counter is reported; otherwise every counter is incremented (a new counter gets its TTL) and the idempotency key is
-- claimed with an in-flight marker "P|<hash>".
-- Returns {gate, detail, refused, count_1, ttl_1, ..., count_n, ttl_n}:
--   gate 0 allowed (counted unless peek), 1 refused by a counter, 2 outside the window,
--        3 same key in flight (detail: its TTL in ms), 4 same key done (detail: the stored answer),
--        5 same key with another body;
--   refused is the 1-based index of the refusing counter or 0; count is the counter after this call; ttl its PTTL.
local n = tonumber(ARGV[1])
local mode = ARGV[2]
local needs_window = ARGV[3] == '1'
local body_hash = ARGV[4]
local counts = {}
local ttls = {}
local refused = 0
for i = 1, n do
  local limit = tonumber(ARGV[5 + 2 * i - 1])
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  counts[i] = count
  ttls[i] = redis.call('PTTL', KEYS[i])
  if refused == 0 and count + 1 > limit then
    refused = i
  end
end

local function reply(gate, detail)
  local result = { gate, detail, refused }
  for i = 1, n do
    result[#result + 1] = counts[i]
    result[#result + 1] = ttls[i]
  end
  return result
end

local next_key = n + 1
local window_key = nil
if needs_window then
  window_key = KEYS[next_key]
  next_key = next_key + 1
end
local idem_key = nil
if body_hash ~= '' then
  idem_key = KEYS[next_key]
  local existing = redis.call('GET', idem_key)
  if existing then
    local state, stored_hash, answer = string.match(existing, '^(%a)|([^|]*)|?(.*)$')
    if stored_hash ~= body_hash then
      return reply(5, '')
    end
    if state == 'P' then
      return reply(3, tostring(redis.call('PTTL', idem_key)))
    end
    return reply(4, answer)
  end
end
if window_key and redis.call('EXISTS', window_key) == 0 then
  return reply(2, '')
end
if refused ~= 0 then
  return reply(1, '')
end
if mode == 'count' then
  for i = 1, n do
    local count = redis.call('INCR', KEYS[i])
    -- A counter without TTL (first increment, or an expiry lost by an operator) would never reset: give it one.
    if count == 1 or ttls[i] < 0 then
      redis.call('PEXPIRE', KEYS[i], ARGV[5 + 2 * i])
      ttls[i] = tonumber(ARGV[5 + 2 * i])
    end
    counts[i] = count
  end
  if idem_key then
    redis.call('SET', idem_key, 'P|' .. body_hash, 'PX', ARGV[5])
  end
  local record = 5 + 2 * n + 1
  if ARGV[record] then
    local record_key = next_key
    if idem_key then
      record_key = next_key + 1
    end
    redis.call('SET', KEYS[record_key], ARGV[record], 'PX', ARGV[record + 1])
  end
end
return reply(0, '')
