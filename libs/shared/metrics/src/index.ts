export {
  AUTHORIZER_DENIAL_REASONS,
  AVATAR_METRICS,
  METRICS_NAMESPACE,
  REASON_DIMENSION,
  SERVICE_DIMENSION,
  UPLOAD_REJECTION_REASONS,
  metricDimensions,
  type AuthorizerDenialReason,
  type AvatarMetric,
  type UploadRejectionReason,
} from './metrics';
