import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * The OpenAPI property of "any JSON value" (a field's canonical value, null meaning empty). Without it Swagger infers
 * `type: object` from `unknown`, which every string or number example then contradicts; OpenAPI 3.0 allows
 * `nullable` only beside a `type`, so null is admitted by the object branch.
 */
export function anyJsonProperty(options: { description: string; example: unknown }): ApiPropertyOptions {
  return {
    ...options,
    oneOf: [
      { type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object', nullable: true }, { type: 'array', items: {} },
    ],
  };
}
