import { describe, expect, it } from 'vitest';
import { addressRange, feedsMayUsePrivateAddresses, type AddressRange } from '../../src/fetching/address-policy.js';

describe('addressRange', () => {
  it.each<[string, AddressRange]>([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['100::1', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['calendar.google.com', 'reserved'],
    ['', 'reserved'],
  ])('%s is %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
  });

  it.each<[string, AddressRange]>([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:7F00:0001', 'loopback'],
    ['0:0:0:0:0:ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b:1::192.168.0.1', 'private'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
  ])('judges %s by the IPv4 address inside: %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
  });

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.167.1.1',
    '169.253.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(addressRange(address)).toBe('public');
  });
});

describe('feedsMayUsePrivateAddresses', () => {
  it('is on only when the owner sets DINKYDASH_FEEDS_ALLOW_PRIVATE=1', () => {
    expect(feedsMayUsePrivateAddresses({ DINKYDASH_FEEDS_ALLOW_PRIVATE: '1' })).toBe(true);
    expect(feedsMayUsePrivateAddresses({ DINKYDASH_FEEDS_ALLOW_PRIVATE: ' 1\n' })).toBe(true);
    expect(feedsMayUsePrivateAddresses({})).toBe(false);
    expect(feedsMayUsePrivateAddresses({ DINKYDASH_FEEDS_ALLOW_PRIVATE: '' })).toBe(false);
    expect(feedsMayUsePrivateAddresses({ DINKYDASH_FEEDS_ALLOW_PRIVATE: '0' })).toBe(false);
  });
});
