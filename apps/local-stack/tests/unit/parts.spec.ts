import { API_CORS, UPLOADS_BUCKET_CORS } from '@cruddur/shared/contract';
import { apiCors, uploadsBucketCors } from '../../src/parts';

// What infra deploys (its api-stack and storage-stack stack specs check the same contract values).
describe('the local CORS rules', () => {
  const origins = ['http://localhost:3000'];

  it("are the contract's API preflight for the web origins", () => {
    expect(apiCors(origins)).toEqual({ allowOrigins: origins, ...API_CORS });
  });

  it("are the contract's uploads bucket rule for the web origins", () => {
    expect(uploadsBucketCors(origins)).toEqual([{ allowedOrigins: origins, ...UPLOADS_BUCKET_CORS }]);
  });
});
