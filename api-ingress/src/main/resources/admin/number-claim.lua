-- The arbiter between ingress instances for business numbers: one key per number, its value the owning account.
-- A claim is pending (with a TTL) until the phone-numbers record is acknowledged, then persisted; so a claim whose
-- instance died before publishing frees the number by itself, and the first of two racing claims wins.
-- KEYS: 1 the number's key
-- ARGV: 1 operation (claim | confirm | release), 2 account id, 3 pending TTL ms (claim),
--       4 an owner the claim may replace, or "" (claim: a deleted account that still holds the key)
-- Returns the owner after a claim; '1' when confirm or release changed the key, else '0'.
local current = redis.call('GET', KEYS[1])
local op, account = ARGV[1], ARGV[2]
if op == 'claim' then
  if current == false or (ARGV[4] ~= '' and current == ARGV[4]) then
    redis.call('SET', KEYS[1], account, 'PX', ARGV[3])
    return account
  end
  return current
elseif op == 'confirm' then
  if current == account then
    redis.call('PERSIST', KEYS[1])
    return '1'
  end
  if current == false then
    redis.call('SET', KEYS[1], account)
    return '1'
  end
  return '0'
elseif op == 'release' then
  if current == account then
    redis.call('DEL', KEYS[1])
    return '1'
  end
  return '0'
end
return redis.error_reply('unknown operation ' .. tostring(op))
