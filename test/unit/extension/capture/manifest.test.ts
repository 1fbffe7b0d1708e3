import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CAPTURE_SETTINGS } from '../../../../extension/src/capture/strategySelection';

interface Property { type?: string | string[]; enum?: string[]; enumDescriptions?: string[]; scope?: string; default?: unknown }
const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  extensionKind?: string[];
  contributes: { configuration: { properties: Record<string, Property> } };
};

describe('manifest: microphone capture settings', () => {
  const properties = manifest.contributes.configuration.properties;

  it('runs as a workspace extension (its host is where the workspace and the candidate\'s code are)', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });

  it('offers exactly the capture settings the code understands, each described', () => {
    const capture = properties['mocktalk.voice.capture']!;
    assert.deepEqual(capture.enum, [...CAPTURE_SETTINGS]);
    assert.equal(capture.default, 'auto');
    assert.equal(capture.enumDescriptions?.length, CAPTURE_SETTINGS.length);
  });

  it('lets only the user\'s machine settings name the recorder command (a workspace must not choose what runs)', () => {
    const command = properties['mocktalk.voice.recorderCommand']!;
    assert.equal(command.scope, 'machine');
    assert.deepEqual(command.type, ['string', 'array']);
    assert.equal(command.default, '');
  });
});
