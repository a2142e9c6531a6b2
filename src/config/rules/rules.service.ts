import { Injectable } from '@nestjs/common';
import type { ResolvedEntityType } from '../../catalog/catalog.types';
import type { Actor } from '../../admin/auth/actor';
import { NotFoundError, ValidationError } from '../../common/domain-error';
import type { EntityImpact, QueuedJobRef } from '../config-version-hooks';
import type { ConfigChange } from '../hub-config.diff';
import type { ConfigError } from '../hub-config.loader';
import { type ConfigBase, HubConfigService } from '../hub-config.service';
import { formatConfigErrors, validateHubConfig } from '../hub-config.validation';
import { checkRulesRequest, type EntityRules, type EntityRulesView, rulesView, toRulesPath, withEntityRules } from './entity-rules';

export interface SetRulesOptions {
  dryRun: boolean;
  actor: Actor;
  expectedVersion?: number;
}

export type SetRulesResult =
  | (EntityRulesView & { applied: boolean; changes: ConfigChange[]; jobs: QueuedJobRef[] })
  | { dryRun: true; valid: true; entityType: string; configVersion: number; changes: ConfigChange[]; impact: EntityImpact };

const NO_IMPACT: EntityImpact = { rulesChanged: [], records: 0, fields: {}, sample: [] };

/**
 * Survivorship rules per entity type: read from the configuration in force, written as the next configuration
 * version by editing only those keys of the stored document (HubConfigService.edit: same lock, validation, audit,
 * version listeners and dry run as a whole-document PUT). Shared by REST and GraphQL.
 */
@Injectable()
export class RulesService {
  constructor(private readonly config: HubConfigService) {}

  get(entityType: string): EntityRulesView {
    const active = this.config.current();
    return rulesView(active.raw, requireType(active.entityTypes, entityType), active.version);
  }

  async set(entityType: string, rules: EntityRules, opts: SetRulesOptions): Promise<SetRulesResult> {
    requireType(this.config.current().entityTypes, entityType);
    const result = await this.config.edit((base) => {
      const type = requireType(this.entityTypesOf(base), entityType);
      const problems = checkRulesRequest(type, rules);
      if (problems.length) throw rulesInvalid(entityType, problems);
      return withEntityRules(base.document, type, rules);
    }, {
      dryRun: opts.dryRun,
      actor: opts.actor,
      expectedVersion: opts.expectedVersion,
      audit: { action: 'rules.replace', target: `entity-type:${entityType}`, details: { entityType, rules: structuredClone(rules) } },
      invalid: (errors) => rulesInvalid(entityType, errors.map((e) => toRulesPath(e, entityType))),
    });
    if (opts.dryRun) {
      return { dryRun: true, valid: true, entityType, configVersion: result.version, changes: result.changes, impact: result.impact?.[entityType] ?? NO_IMPACT };
    }
    return { ...this.get(entityType), applied: result.applied, changes: result.changes, jobs: result.jobs };
  }

  /** The entity types of the version an edit is based on (the one in force, unless another replica stored a newer one). */
  private entityTypesOf(base: ConfigBase): Record<string, ResolvedEntityType> {
    const active = this.config.current();
    if (base.version === active.version) return active.entityTypes;
    const validated = validateHubConfig(base.document, process.env);
    return validated.ok ? validated.entityTypes : active.entityTypes;
  }
}

function requireType(types: Record<string, ResolvedEntityType>, name: string): ResolvedEntityType {
  const type = Object.hasOwn(types, name) ? types[name] : undefined;
  if (!type) throw new NotFoundError('ENTITY_TYPE_UNKNOWN', `unknown entity type "${name}"; known: ${Object.keys(types).sort().join(', ')}`);
  return type;
}

function rulesInvalid(entityType: string, errors: ConfigError[]): ValidationError {
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  return new ValidationError('RULES_INVALID', `Invalid rules for ${entityType} (${count}):\n${formatConfigErrors(errors)}`,
    errors.map((e) => ({ path: e.path, message: e.message })));
}
