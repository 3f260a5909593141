import { loadWebConfig, parseWebConfig } from '../../src/config';
import { ConfigError, NetworkError } from '../../src/errors';
import { fakeFetch, json } from '../helpers/fake-fetch';

const PAGE = 'https://app.example.com/@andrew';
const valid = {
  apiUrl: 'https://api.example.com/',
  assetsUrl: 'https://assets.example.com',
  cognito: {
    endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_abc',
    clientId: 'client123',
  },
};

describe('parseWebConfig', () => {
  it('keeps deployed URLs, without trailing slashes except on the Cognito endpoint', () => {
    expect(parseWebConfig(valid, PAGE)).toEqual({
      apiUrl: 'https://api.example.com',
      assetsUrl: 'https://assets.example.com',
      cognito: { ...valid.cognito, endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/' },
    });
  });

  it('takes local URLs and adds the slash Cognito is POSTed to', () => {
    const config = parseWebConfig({ ...valid, cognito: { ...valid.cognito, endpoint: 'http://127.0.0.1:9229' } }, PAGE);
    expect(config.cognito.endpoint).toBe('http://127.0.0.1:9229/');
  });

  it('resolves a relative API URL against the page, for an API on the same origin', () => {
    expect(parseWebConfig({ ...valid, apiUrl: '/' }, PAGE).apiUrl).toBe('https://app.example.com');
  });

  it.each([
    [null, 'expected the document to be an object'],
    [{ ...valid, apiUrl: '' }, 'expected apiUrl to be a non-empty string'],
    [{ ...valid, assetsUrl: 'javascript:alert(1)' }, 'assetsUrl must be an http(s) URL'],
    [{ ...valid, cognito: undefined }, 'expected cognito to be an object'],
    [{ ...valid, cognito: { ...valid.cognito, clientId: 7 } }, 'expected cognito.clientId to be a non-empty string'],
  ])('refuses %j', (raw, message) => {
    expect(() => parseWebConfig(raw, PAGE)).toThrow(new ConfigError(`config.json: ${message}`));
  });
});

describe('loadWebConfig', () => {
  it('fetches /config.json from the page origin, bypassing the cache', async () => {
    const fetch = fakeFetch(json(200, valid));
    await expect(loadWebConfig(fetch, PAGE)).resolves.toMatchObject({ apiUrl: 'https://api.example.com' });
    expect(fetch.requests[0]?.url).toBe('https://app.example.com/config.json');
  });

  it('says what went wrong when the file is missing, broken or unreachable', async () => {
    await expect(loadWebConfig(fakeFetch(json(404, {})), PAGE)).rejects.toThrow('config.json: the server answered 404');
    await expect(loadWebConfig(fakeFetch(new Response('<html>', { status: 200 })), PAGE)).rejects.toThrow(
      'config.json is not valid JSON',
    );
    await expect(loadWebConfig(fakeFetch(new TypeError('Failed to fetch')), PAGE)).rejects.toBeInstanceOf(NetworkError);
  });
});
