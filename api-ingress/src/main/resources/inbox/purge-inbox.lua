-- Deletes a business number's whole inbox: when the number is released, what its customers sent stays with the
-- account that owned it and is never shown to the number's next owner.
-- KEYS: 1 all (zset), 2 messages (hash), 3 media (hash)
-- ARGV: 1 prefix of sender keys (same hash tag)
-- Returns the number of messages deleted.
local senders = {}
local values = redis.call('HVALS', KEYS[2])
for _, stored in ipairs(values) do
  local ok, item = pcall(cjson.decode, stored)
  if ok and type(item) == 'table' and type(item['from']) == 'string' then
    senders[item['from']] = true
  end
end
for from, _ in pairs(senders) do
  redis.call('DEL', ARGV[1] .. from)
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return #values
