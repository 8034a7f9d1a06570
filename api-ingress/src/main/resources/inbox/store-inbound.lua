-- Keeps one inbound message in its business number's inbox, then trims the inbox: messages received before the
-- retention cutoff, and the oldest beyond the maximum count, leave every index (sender set, media hash) with it.
-- KEYS: 1 all (zset), 2 this sender's zset, 3 messages (hash), 4 media (hash)
-- ARGV: 1 wamid, 2 received ms, 3 public JSON, 4 media id or "", 5 cutoff ms, 6 max count, 7 key TTL ms,
--       8 prefix of sender keys (same hash tag)
-- Returns 1 when kept, 0 when already older than the retention.
local wamid, score, json, media = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
local cutoff, maxCount, ttl, senderPrefix = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8]
if score < cutoff then
  return 0
end
redis.call('ZADD', KEYS[1], score, wamid)
redis.call('ZADD', KEYS[2], score, wamid)
redis.call('HSET', KEYS[3], wamid, json)
if media ~= '' then
  redis.call('HSET', KEYS[4], media, wamid)
end
local evicted = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. cutoff)
local excess = redis.call('ZCARD', KEYS[1]) - #evicted - maxCount
if excess > 0 then
  local oldest = redis.call('ZRANGE', KEYS[1], #evicted, #evicted + excess - 1)
  for _, member in ipairs(oldest) do
    table.insert(evicted, member)
  end
end
for _, member in ipairs(evicted) do
  local stored = redis.call('HGET', KEYS[3], member)
  if stored then
    local ok, item = pcall(cjson.decode, stored)
    if ok and type(item) == 'table' then
      if type(item['from']) == 'string' then
        redis.call('ZREM', senderPrefix .. item['from'], member)
      end
      local content = type(item['type']) == 'string' and item[item['type']] or nil
      if type(content) == 'table' and type(content['id']) == 'string' then
        redis.call('HDEL', KEYS[4], content['id'])
      end
    end
    redis.call('HDEL', KEYS[3], member)
  end
  redis.call('ZREM', KEYS[1], member)
end
for i = 1, 4 do
  redis.call('PEXPIRE', KEYS[i], ttl)
end
return 1
