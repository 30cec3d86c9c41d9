import express from 'express';
import { AppConfig, ConfigurationError, validateEnvironment } from '@leadgate/config';
import { trustProxies } from './trust-proxy';

const appWith = (TRUST_PROXY?: string) => {
  const app = express();
  trustProxies(app, new AppConfig(validateEnvironment(TRUST_PROXY === undefined ? {} : { TRUST_PROXY })));
  return app;
};

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, so X-Forwarded-For from anywhere (loopback included) is ignored', () => {
    expect(appWith().get('trust proxy fn')('127.0.0.1', 0)).toBe(false);
  });

  it('takes true, a hop count, or addresses and subnets', () => {
    expect(appWith('true').get('trust proxy fn')('203.0.113.9', 5)).toBe(true);
    expect(appWith('1').get('trust proxy fn')('203.0.113.9', 0)).toBe(true);
    expect(appWith('1').get('trust proxy fn')('203.0.113.9', 1)).toBe(false);
    const subnet = appWith('loopback, 10.0.0.0/8').get('trust proxy fn');
    expect([subnet('127.0.0.1', 0), subnet('10.1.2.3', 1), subnet('192.168.0.1', 0)]).toEqual([true, true, false]);
  });

  it('refuses to start with a value it cannot read, naming the variable', () => {
    expect(() => appWith('the usual one')).toThrow(ConfigurationError);
    expect(() => appWith('the usual one')).toThrow(/^TRUST_PROXY: /);
  });
});
