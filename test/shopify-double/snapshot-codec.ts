// A JSON form for the double's world that needs no edit when someone adds a field: Maps, Sets,
// Dates, bigints and instances of known classes are tagged ({"$map": …}, {"$class": "ShopState",
// "$fields": …}); an object reached twice (the id sequence every ShopState shares with the Store,
// an access token indexed twice) is written once with "$id" and then referred to by "$ref", so
// identity survives the round trip. Anything it cannot restore (a function, an instance of a class
// it was not told about) stops the save with a sentence instead of being lost silently.

export type ClassRegistry = ReadonlyMap<string, abstract new (...args: never[]) => unknown>;

export class SnapshotCodecError extends Error {
  override name = "SnapshotCodecError";
}

const isClass = (value: unknown): value is abstract new (...args: never[]) => unknown =>
  typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));

/** Every class a module exports, by name: pass the modules whose instances the world holds. */
export function classesOf(...modules: Record<string, unknown>[]): ClassRegistry {
  const found = new Map<string, abstract new (...args: never[]) => unknown>();
  for (const mod of modules) {
    for (const value of Object.values(mod)) if (isClass(value)) found.set(value.name, value);
  }
  return found;
}

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Objects reached more than once, so the second pass can write them once and refer to them after. */
function sharedObjects(root: unknown): Set<object> {
  const seen = new Set<object>();
  const shared = new Set<object>();
  const visit = (value: unknown) => {
    if (typeof value !== "object" || value === null || value instanceof Date) return;
    if (seen.has(value)) {
      shared.add(value);
      return;
    }
    seen.add(value);
    if (value instanceof Map) {
      for (const [k, v] of value) {
        visit(k);
        visit(v);
      }
    } else if (value instanceof Set || Array.isArray(value)) for (const v of value) visit(v);
    else for (const v of Object.values(value)) visit(v);
  };
  visit(root);
  return shared;
}

export function encodeSnapshot(root: unknown, classes: ClassRegistry): unknown {
  const shared = sharedObjects(root);
  const ids = new Map<object, number>();
  const fields = (value: object, path: string) =>
    Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, encode(v, `${path}.${k}`)]),
    );

  function encode(value: unknown, path: string): unknown {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: String(value) };
      case "bigint":
        return { $bigint: value.toString() };
      case "undefined":
        return { $undefined: true };
      case "function":
      case "symbol":
        throw new SnapshotCodecError(`cannot save ${path}: a ${typeof value} is not data`);
    }
    if (value === null) return null;
    const object = value as object;
    if (object instanceof Date) return { $date: Number.isNaN(object.getTime()) ? null : object.toISOString() };
    if (ids.has(object)) return { $ref: ids.get(object) };
    const id = shared.has(object) ? ids.size + 1 : undefined;
    if (id !== undefined) ids.set(object, id);
    const tag = id !== undefined ? { $id: id } : {};
    if (object instanceof Map) return { ...tag, $map: [...object].map(([k, v], i) => [encode(k, `${path}[key ${i}]`), encode(v, `${path}[${String(k)}]`)]) };
    if (object instanceof Set) return { ...tag, $set: [...object].map((v, i) => encode(v, `${path}[${i}]`)) };
    if (Array.isArray(object)) {
      const items = object.map((v, i) => encode(v, `${path}[${i}]`));
      return id !== undefined ? { ...tag, $array: items } : items;
    }
    if (isPlain(object)) {
      const plain = fields(object, path);
      const needsTag = id !== undefined || Object.keys(plain).some((k) => k.startsWith("$"));
      return needsTag ? { ...tag, $object: plain } : plain;
    }
    const name = object.constructor?.name ?? "(anonymous)";
    if (classes.get(name) !== object.constructor) {
      throw new SnapshotCodecError(
        `cannot save ${path}: it is a ${name}, which the double does not know how to restore (export the class from a module persistence.ts lists)`,
      );
    }
    return { ...tag, $class: name, $fields: fields(object, path) };
  }
  return encode(root, "world");
}

/**
 * An instance to restore saved fields into. Constructed without arguments when the constructor
 * allows it, so a field added to the class since the save starts at its initial value; a
 * constructor that needs its arguments falls back to a bare object of the class.
 */
function blank(type: abstract new (...args: never[]) => unknown): Record<string, unknown> {
  try {
    return Reflect.construct(type, []) as Record<string, unknown>;
  } catch {
    return Object.create(type.prototype) as Record<string, unknown>;
  }
}

export function decodeSnapshot(tree: unknown, classes: ClassRegistry): unknown {
  const byId = new Map<number, unknown>();
  const remember = <T>(node: Record<string, unknown>, value: T): T => {
    if (typeof node.$id === "number") byId.set(node.$id, value);
    return value;
  };
  const fill = (target: Record<string, unknown>, source: unknown) => {
    for (const [k, v] of Object.entries(source as Record<string, unknown>)) target[k] = decode(v);
    return target;
  };

  function decode(node: unknown): unknown {
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map(decode);
    const n = node as Record<string, unknown>;
    if ("$ref" in n) {
      if (!byId.has(n.$ref as number)) throw new SnapshotCodecError(`a reference to object ${String(n.$ref)} comes before the object`);
      return byId.get(n.$ref as number);
    }
    if ("$date" in n) return n.$date === null ? new Date(Number.NaN) : new Date(n.$date as string);
    if ("$bigint" in n) return BigInt(n.$bigint as string);
    if ("$number" in n) return Number(n.$number);
    if ("$undefined" in n) return undefined;
    if ("$map" in n) {
      const map = remember(n, new Map<unknown, unknown>());
      for (const [k, v] of n.$map as [unknown, unknown][]) map.set(decode(k), decode(v));
      return map;
    }
    if ("$set" in n) {
      const set = remember(n, new Set<unknown>());
      for (const v of n.$set as unknown[]) set.add(decode(v));
      return set;
    }
    if ("$array" in n) {
      const array = remember(n, [] as unknown[]);
      for (const v of n.$array as unknown[]) array.push(decode(v));
      return array;
    }
    if ("$object" in n) return fill(remember(n, {}), n.$object);
    if ("$class" in n) {
      const type = classes.get(n.$class as string);
      if (!type) throw new SnapshotCodecError(`the saved world holds a ${String(n.$class)}, a class the double no longer has`);
      return fill(remember(n, blank(type)), n.$fields);
    }
    return fill({}, n);
  }
  return decode(tree);
}
