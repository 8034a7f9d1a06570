-- One page of an inbox, newest first: up to limit + 1 messages (the extra one tells that there is more).
-- KEYS: 1 the zset to list (all, or one sender's), 2 messages (hash)
-- ARGV: 1 highest score (ms, inclusive), 2 lowest score (ms, inclusive), 3 limit,
--       4 cursor score or "" (the last message already shown), 5 cursor wamid or ""
-- The cursor is found by its rank, not by comparing strings (Lua compares strings by the server's locale, the
-- sorted set by bytes): messages of one received time (a webhook batch) are then paged exactly. A cursor message
-- trimmed meanwhile falls back to "older than its received time".
-- Returns a flat list: wamid, score, JSON for each message, in order.
local maxScore, minScore, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
local offset = 0
if ARGV[5] ~= '' then
  local rank = redis.call('ZREVRANK', KEYS[1], ARGV[5])
  if rank then
    local above = redis.call('ZCOUNT', KEYS[1], '(' .. maxScore, '+inf')
    offset = math.max(0, rank + 1 - above)
  elseif tonumber(ARGV[4]) <= tonumber(maxScore) then
    maxScore = '(' .. ARGV[4]
  end
end
local page = redis.call('ZREVRANGEBYSCORE', KEYS[1], maxScore, minScore, 'WITHSCORES', 'LIMIT', offset, limit + 1)
local out = {}
for i = 1, #page, 2 do
  local json = redis.call('HGET', KEYS[2], page[i])
  if json then
    table.insert(out, page[i])
    table.insert(out, page[i + 1])
    table.insert(out, json)
  end
end
return out
