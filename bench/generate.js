// Synthetic models at the sizes of quality.md (S, M, L), shaped like real ones and
// deterministic from a seed, written as a multi-file model folder.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import jsYaml from 'js-yaml';

/** Element counts per named size (quality.md "Scale the tool must hold"). */
export const SIZES = {
  tiny: { apps: 20, centers: 2, services: 10, entities: 60, databases: 6, clusters: 4, datacenters: 2 },
  S: { apps: 200, centers: 5, services: 100, entities: 2000, databases: 100, clusters: 30, datacenters: 8 },
  M: { apps: 2000, centers: 20, services: 1000, entities: 10000, databases: 300, clusters: 300, datacenters: 20 },
  L: { apps: 10000, centers: 50, services: 5000, entities: 100000, databases: 2000, clusters: 1000, datacenters: 50 },
};

/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const dump = (data) => jsYaml.dump(data, { lineWidth: 200, noRefs: true, flowLevel: 4 });

/**
 * Builds the model sections for a size. Product lines of 99 subsystems x 99 apps hold the app
 * ids; entities are grouped into categories, each database holds a slice of one category.
 */
export function buildModel(size, seed = 42) {
  const n = SIZES[size];
  if (!n) throw new Error(`unknown size ${size}; choose ${Object.keys(SIZES).join(', ')}`);
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const lines = [];
  const subsystems = [];
  const appIds = [];
  const perSub = 20;
  for (let i = 0; appIds.length < n.apps; i++) {
    const line = Math.floor(i / 99) + 10;
    const sub = (i % 99) + 1;
    if (sub === 1) lines.push({ code: pad(line), id: `pl${line}`, name: `产品线 Line ${line}` });
    subsystems.push({ code: pad(sub), productLine: pad(line), name: `子系统 Subsystem ${line}-${sub}` });
    for (let a = 1; a <= perSub && appIds.length < n.apps; a++) appIds.push(`${pad(line)}${pad(sub)}${pad(a)}`);
  }
  const datacenters = Array.from({ length: n.datacenters }, (_, i) => ({
    id: `dc${i}`, name: `机房 DC ${i}`, region: `r${i % 5}`, kind: 'idc',
    links: i > 0 ? [{ to: `dc${i - 1}`, kind: 'dedicated-line', bandwidth: '100Mbps' }] : [],
  }));
  const kinds = ['web', 'soa', 'middleware', 'database', 'job', 'itd'];
  const clusters = Array.from({ length: n.clusters }, (_, i) => {
    const current = 2 + Math.floor(rand() * 20);
    return {
      id: `cl${i}`, name: `集群 Cluster ${i}`, kind: kinds[i % kinds.length], datacenter: `dc${i % n.datacenters}`,
      network: i % 2 ? 'internal' : 'external', productLines: [lines[i % lines.length].code],
      capacity: { unit: 'nodes', current, implemented: Math.ceil(current * 1.5), designed: current * 5, planned: current * 20 },
    };
  });
  const centers = [];
  const perCenter = Math.ceil(n.services / n.centers);
  for (let c = 0; c < n.centers; c++) {
    centers.push({
      id: `center-${c}`, name: `服务中心 Center ${c}`, implementedBy: [appIds[c]], discovery: 'consul',
      services: Array.from({ length: perCenter }, (_, s) => ({ id: `svc-${s}`, name: `Service ${c}.${s}`, protocol: s % 5 === 0 ? 'mq' : 'rest' })),
      ...(c > 0 ? { dependsOn: [`center-${c - 1}`] } : {}),
    });
  }
  const categories = Array.from({ length: Math.max(5, Math.ceil(n.entities / 2000)) }, (_, i) => ({ id: `cat${i}`, name: `数据类 Category ${i}` }));
  const entities = [];
  const databases = [];
  const perDb = Math.ceil(n.entities / n.databases);
  for (let d = 0; d < n.databases; d++) {
    const owner = appIds[(d * 7) % appIds.length];
    const ids = [];
    for (let e = d * perDb; e < Math.min(n.entities, (d + 1) * perDb); e++) {
      const id = `e${e}`;
      ids.push(id);
      const attrs = [{ name: 'id', type: 'bigint', pk: true }, { name: 'name', type: 'varchar(64)', comment: '名称' }, { name: 'status', type: 'int' }];
      if (e % perDb > 0) attrs.push({ name: 'parent_id', type: 'bigint', ref: `e${e - 1}.id` });
      entities.push({ id, name: `实体 Entity ${e}`, category: categories[d % categories.length].id, ownedBy: owner, table: `t_${id}`, attributes: attrs });
    }
    databases.push({ id: `db${d}`, name: `数据库 DB ${d}`, engine: 'mysql', kind: d % 10 === 9 ? 'log' : 'oltp', ownedBy: owner, entities: ids, cluster: clusters[d % clusters.length].id });
  }
  const dbOfApp = new Map(databases.map((db) => [db.ownedBy, db.id]));
  const applications = appIds.map((id, i) => {
    const front = i % 4 === 0;
    const calls = [];
    for (let k = 0; k < 3; k++) {
      const c = centers[Math.floor(rand() * centers.length)];
      calls.push(k === 0 ? { target: c.id, protocol: 'rest' } : { target: `${c.id}.${pick(c.services).id}`, protocol: 'rest' });
    }
    if (i > 0 && !front) calls.push({ target: appIds[Math.floor(rand() * i)], protocol: 'mq' });
    const own = dbOfApp.get(id);
    return {
      id, name: `应用 App ${id}`, kind: front ? 'web' : 'backend', language: pick(['Java', 'C#', 'Go']),
      calls, ...(own ? { uses: [{ database: own, access: 'readwrite' }] } : {}),
      deployedOn: [clusters[i % clusters.length].id],
    };
  });
  const stateMachines = [{
    id: 'sm0', entity: 'e0', attribute: 'status', initial: 'new',
    states: [{ id: 'new', value: 0 }, { id: 'done', value: 1, final: true }],
    transitions: [{ from: 'new', to: 'done', trigger: 'finish' }],
  }];
  return {
    manifest: { archgen: 1, enterprise: { name: `Synthetic ${size}` }, document: { title: `Synthetic ${size}`, version: '1', lang: 'en' }, include: ['**/*.yaml'] },
    files: chunkFiles({ lines, subsystems, applications, centers, categories, entities, databases, stateMachines, datacenters, clusters }),
  };
}

/** Splits sections into files of a few thousand elements, as a real repository would. */
function chunkFiles(s) {
  const files = {};
  const chunk = (list, per, make, prefix) => {
    for (let i = 0; i * per < list.length; i++) files[`${prefix}-${pad(i, 3)}.yaml`] = make(list.slice(i * per, (i + 1) * per));
  };
  files['org.yaml'] = { productLines: s.lines, subsystems: s.subsystems };
  files['physical.yaml'] = {
    physical: {
      regions: Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, name: `Region ${i}` })),
      datacenters: s.datacenters,
      networks: [{ id: 'internal', zone: 'internal' }, { id: 'external', zone: 'external' }],
      clusters: s.clusters,
    },
  };
  files['services.yaml'] = { serviceCenters: s.centers };
  chunk(s.applications, 500, (l) => ({ applications: l }), 'apps/apps');
  files['data/categories.yaml'] = { data: { categories: s.categories, stateMachines: s.stateMachines } };
  chunk(s.entities, 2000, (l) => ({ data: { entities: l } }), 'data/entities');
  chunk(s.databases, 500, (l) => ({ data: { databases: l } }), 'data/databases');
  return files;
}

/**
 * Changes about `fraction` of the applications, entities and clusters of a built model in place,
 * the way a pull request does: every k-th application renamed, entity given one more attribute,
 * cluster grown by two nodes. Returns how many elements were changed.
 */
export function changeModel(model, fraction) {
  const every = Math.max(1, Math.round(1 / fraction));
  let changed = 0;
  const each = (list, fn) =>
    (list ?? []).forEach((el, i) => {
      if (i % every === every - 1) {
        fn(el);
        changed++;
      }
    });
  for (const file of Object.values(model.files)) {
    each(file.applications, (a) => (a.name = `${a.name} (renamed)`));
    each(file.data?.entities, (e) => e.attributes.push({ name: 'changed_at', type: 'datetime' }));
    each(file.physical?.clusters, (c) => (c.capacity.current += 2));
  }
  return changed;
}

/**
 * Writes a generated model to `dir` (replacing it). Returns the number of files and bytes, and
 * with `change` (a fraction) how many elements were changed by {@link changeModel}.
 */
export async function writeModel(size, dir, seed = 42, change = 0) {
  const model = buildModel(size, seed);
  const changed = change > 0 ? changeModel(model, change) : 0;
  const { manifest, files } = model;
  await rm(dir, { recursive: true, force: true });
  let bytes = 0;
  for (const [name, data] of [['archgen.yaml', manifest], ...Object.entries(files)]) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    const text = dump(data);
    bytes += Buffer.byteLength(text);
    await writeFile(file, text);
  }
  return { files: Object.keys(files).length + 1, bytes, changed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [size = 'M', dir = `bench/models/${size}`] = process.argv.slice(2);
  const r = await writeModel(size, dir);
  console.log(`wrote ${size} model to ${dir}: ${r.files} files, ${(r.bytes / 1048576).toFixed(1)} MiB`);
}
