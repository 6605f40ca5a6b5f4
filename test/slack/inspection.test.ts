/**
 * Inspection of shared files end to end on Slack: signed events into the real Bolt app, files
 * downloaded from the stand-in with the bot token and inspected in the worker pool.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipBomb, zipOf } from '../inspect/files.ts';
import { ALERT_CHANNEL, CHANNEL, LEAKED_FILE, waitForLog, withApp, type Harness } from './harness.ts';

const postsTo = (h: Harness, channel: string) => h.standIn.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);

test('a zip holding a leaked file is warned about and deleted with its file, and the alert names where it was found', () =>
  withApp({ adminToken: true }, async (h) => {
    const zip = await zipOf({ 'dump/notes.txt': 'rien', 'dump/archive.bin': LEAKED_FILE });
    const url = h.standIn.addFile('dump.zip', zip);
    const fileId = /-(F\d+)\//.exec(url)![1]!;
    const { ts } = await h.postMessage({ subtype: 'file_share', text: 'for the record', files: [{ id: fileId, name: 'dump.zip', size: zip.length, url_private: url }] });
    const log = await waitForLog(h, 'message moderated', { message: ts });
    assert.equal(log.verdict, 'share');
    assert.equal(postsTo(h, CHANNEL).length, 1, 'one warning');
    assert.equal(h.standIn.callsTo('chat.delete').length, 1, 'deleted with the admin token');
    await h.standIn.waitFor('files.delete', () => h.standIn.callsTo('files.delete').length > 0);
    assert.deepEqual(h.standIn.callsTo('files.delete').map((c) => [c.params.file, c.token]), [[fileId, h.standIn.adminToken]], 'its file too');
    const alert = JSON.stringify(postsTo(h, ALERT_CHANNEL)[0]?.params ?? {});
    assert.ok(alert.includes('dump.zip!/dump/archive.bin'), alert);
  }));

test('an unrelated zip is downloaded, inspected and left alone', () =>
  withApp({}, async (h) => {
    const zip = await zipOf({ 'photos/readme.txt': 'vacances en Bretagne' });
    const url = h.standIn.addFile('photos.zip', zip);
    const eventId = 'EvZIP0001';
    await h.postMessage({ subtype: 'file_share', text: 'souvenirs', files: [{ id: 'F0002', name: 'photos.zip', size: zip.length, url_private: url }] }, { eventId });
    await waitForLog(h, 'message event handled', { eventId });
    assert.equal(h.standIn.downloads.length, 1);
    assert.equal(postsTo(h, CHANNEL).length, 0);
  }));

test('a zip bomb is "not inspected", logged, and the app goes on moderating', () =>
  withApp({}, async (h) => {
    const bomb = await zipBomb();
    const url = h.standIn.addFile('bomb.zip', bomb);
    await h.postMessage({ subtype: 'file_share', text: 'tiens', files: [{ id: 'F0003', name: 'bomb.zip', size: bomb.length, url_private: url }] });
    const line = await waitForLog(h, 'not inspected: archive bomb (bomb.zip!/zeros.bin)');
    assert.equal(line.attachment, 'bomb.zip');
    const { ts } = await h.postMessage({ text: 'Everything is here: <https://pastebin.com/emleaks-test|the files>' });
    const log = await waitForLog(h, 'message moderated', { message: ts });
    assert.equal(log.verdict, 'share');
  }));
