import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { lanUrls, reachLines, type NetworkInterfaces } from '../../../src/cli/lan-addresses.js';

const info = (address: string, internal = false): NetworkInterfaceInfo =>
  (address.includes(':')
    ? { address, family: 'IPv6', internal, netmask: 'ffff:ffff:ffff:ffff::', mac: '00:00:00:00:00:00', cidr: `${address}/64`, scopeid: 0 }
    : { address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: `${address}/24` });

// A Pi on Wi-Fi and cable: loopback, a home LAN address each, the ULA and
// global IPv6 a router hands out, and link-local addresses.
const pi: NetworkInterfaces = {
  lo: [info('127.0.0.1', true), info('::1', true)],
  eth0: [info('192.168.1.23'), info('fe80::ba27:ebff:fe12:3456'), info('fd12:3456:789a::23')],
  wlan0: [info('192.168.1.24'), info('2001:db8::24'), info('FE80::1')],
  docker0: [],
};

describe('the addresses a phone opens', () => {
  it('lists every IPv4 address beyond loopback when listening on 0.0.0.0, and no IPv6 (not listened on)', () => {
    expect(lanUrls('0.0.0.0', 8080, pi)).toEqual(['http://192.168.1.23:8080/', 'http://192.168.1.24:8080/']);
  });

  it('adds the IPv6 addresses a browser can open, in brackets, when listening on ::, leaving out link-local ones', () => {
    expect(lanUrls('::', 3000, pi)).toEqual([
      'http://192.168.1.23:3000/',
      'http://192.168.1.24:3000/',
      'http://[fd12:3456:789a::23]:3000/',
      'http://[2001:db8::24]:3000/',
    ]);
  });

  it('gives the one address listened on, and none for loopback', () => {
    expect(lanUrls('192.168.1.23', 8080, pi)).toEqual(['http://192.168.1.23:8080/']);
    expect(lanUrls('fd12:3456:789a::23', 8080, pi)).toEqual(['http://[fd12:3456:789a::23]:8080/']);
    for (const host of ['127.0.0.1', '127.0.1.1', '::1', 'localhost']) expect(lanUrls(host, 8080, pi)).toEqual([]);
  });

  it('counts an address on two interfaces once', () => {
    expect(lanUrls('0.0.0.0', 80, { a: [info('10.0.0.5')], b: [info('10.0.0.5')] })).toEqual(['http://10.0.0.5:80/']);
  });
});

describe('what dinkydash serve says about the home network', () => {
  it('says nothing when only this machine can reach it', () => {
    expect(reachLines({ host: '127.0.0.1', port: 8080, signup: 'open', interfaces: pi })).toEqual([]);
  });

  it('names the addresses on one line and says that sign-up is open to everyone on the network', () => {
    const lines = reachLines({ host: '0.0.0.0', port: 8080, signup: 'open', interfaces: pi });
    expect(lines[0]).toBe('From a phone or laptop on your home network, open http://192.168.1.23:8080/ or http://192.168.1.24:8080/');
    expect(lines[1]).toContain('anyone who opens it can create a family');
    expect(lines[1]).toContain('--signup closed');
    expect(reachLines({ host: '0.0.0.0', port: 8080, signup: 'closed', interfaces: pi })[1]).toContain('only the owner creates families');
  });

  it('says how to get an address when the machine has none but loopback', () => {
    const lines = reachLines({ host: '0.0.0.0', port: 8080, signup: 'closed', interfaces: { lo: pi.lo } });
    expect(lines[0]).toContain('no network address but its own');
  });
});
