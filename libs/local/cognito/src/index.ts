export { createLocalCognito } from './local-cognito';
export { DEMO_USERS, seedUserPool, type DemoUser } from './seed-user-pool';
