export { createHttpApiGateway, type HttpApiCors } from './http-api-gateway';
export { apiRoute, type HttpApiRoute } from './routes';
