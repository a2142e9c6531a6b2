import { ApiProperty } from '@nestjs/swagger';
import { Allow, IsInt, IsString, IsUUID, Length, Min } from 'class-validator';
import { anyJsonProperty } from '../../common/any-json.schema';

const JSON_VALUE = 'a canonical value of the field (docs/canonical-values.md); null means empty';

export class OverrideFieldDto {
  @ApiProperty({ example: 'phone' }) @IsString() @Length(1, 200) field!: string;
  // Any JSON value: checked against the field's type by the service (INVALID_VALUE), not by a DTO rule.
  @ApiProperty(anyJsonProperty({ description: JSON_VALUE, example: '+442071838750' })) @Allow() value!: unknown;
}

export class ReleaseOverrideDto {
  @ApiProperty({ example: 'phone' }) @IsString() @Length(1, 200) field!: string;
}

export class RollbackDto {
  @ApiProperty({ minimum: 1, description: 'the version whose snapshot becomes the new version' }) @IsInt() @Min(1) toVersion!: number;
}

export class MergeDto {
  @ApiProperty({ format: 'uuid', description: 'the golden record merged into this one, then tombstoned' }) @IsUUID() duplicateId!: string;
}

export class UnmergeDto {
  @ApiProperty({ example: 'B' }) @IsString() @Length(1, 100) system!: string;
  @ApiProperty({ example: 'b-77', description: "the source record's id in that system" }) @IsString() @Length(1, 500) externalId!: string;
}
