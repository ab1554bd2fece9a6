#!/usr/bin/env node
import { createRequire as __ncCreateRequire } from 'node:module';
const require = __ncCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection2(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection2(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias2;
    exports.isCollection = isCollection2;
    exports.isDocument = isDocument;
    exports.isMap = isMap3;
    exports.isNode = isNode;
    exports.isPair = isPair2;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path) {
      const ctrl = callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path) {
      const ctrl = await callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key, node, path);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
      return void 0;
    }
    function replaceNode(key, path, node) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key, ...rest] = path;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "…" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "…";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "…\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap3 = fc.start.source === "{";
      const fcName = isMap3 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap3 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap3 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap3 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap3 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap3) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap3 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "",
      // Unicode next line
      _: " ",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok2 = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok2 ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude2) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude2.length; ++i) {
        const source = prelude2[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude2[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field2, index] of path) {
        const tok = item?.[field2];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field2 = path[path.length - 1][0];
      const coll = parent?.[field2];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field2 of ["key", "value"]) {
        const token = item[field2];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field2, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field2 === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection2 = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection2;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote2 = this.charAt(0);
        let end = this.buffer.indexOf(quote2, this.pos + 1);
        if (quote2 === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter3 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter3;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse2(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse2;
    exports.parseAllDocuments = parseAllDocuments2;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/cli/commands.ts
import { statSync as statSync3 } from "node:fs";

// src/cluster/find-kubectl.ts
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
function findOnPath(name, path = process.env.PATH ?? "") {
  const exts = process.platform === "win32" ? [".exe", ""] : [""];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return void 0;
}

// src/matrix/suggest.ts
function editDistance(a, b) {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = Array.from(
    { length: rows },
    (_, i) => Array.from({ length: cols }, (_2, j) => i === 0 ? j : j === 0 ? i : 0)
  );
  const at = (i, j) => d[i]?.[j] ?? 0;
  for (let i = 1; i < rows; i++) {
    const row = d[i];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}
function suggest(word, candidates) {
  if (word.length > 100) return void 0;
  const w = word.toLowerCase();
  let best;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === w) return candidate;
    const limit = Math.max(1, Math.floor(Math.max(c.length, w.length) / 3));
    const distance = editDistance(w, c);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
function didYouMean(word, candidates) {
  const s = suggest(word, candidates);
  return s === void 0 ? "" : ` (did you mean ${JSON.stringify(s)}?)`;
}

// src/cli/args.ts
function parseArgs(argv, spec) {
  const value = { positionals: [], flags: {}, switches: /* @__PURE__ */ new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      value.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      value.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? void 0 : eq);
    if (spec.switches.includes(name)) {
      if (eq !== -1) return { ok: false, error: `--${name} takes no value` };
      value.switches.add(name);
    } else if (spec.flags.includes(name)) {
      const v = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (v === void 0 || eq === -1 && v.startsWith("--"))
        return { ok: false, error: `--${name} needs a value` };
      value.flags[name] = v;
    } else {
      return { ok: false, error: unknownOption(arg, spec) };
    }
  }
  return { ok: true, value };
}
function unknownOption(arg, spec) {
  const known = [...spec.flags, ...spec.switches].map((f) => `--${f}`);
  const name = arg.replace(/^-+/, "").split("=")[0] ?? "";
  const likely = suggest(name, [...spec.flags, ...spec.switches]);
  const hint = likely === void 0 ? "" : ` (did you mean --${likely}?)`;
  return `unknown option ${arg}${hint}; known options: ${known.join(", ")}`;
}

// src/cluster/kubectl.ts
import { spawn } from "node:child_process";

// src/cluster/limiter.ts
function createLimiter(max) {
  let active = 0;
  let peak = 0;
  const waiting = [];
  const acquire = () => {
    if (active < max) {
      active++;
      peak = Math.max(peak, active);
      return Promise.resolve();
    }
    return new Promise((resolve2) => waiting.push(resolve2));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) {
      next();
    } else {
      active--;
    }
  };
  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    peak: () => peak
  };
}

// src/cluster/kubectl.ts
var DEFAULT_BACKOFF_MS = [500, 1500, 4e3];
var MIN_TRY_MS = 1e3;
var TRANSIENT = /\b(TooManyRequests|Too Many Requests|ServiceUnavailable|InternalError|Internal error occurred|the server is currently unable to handle the request|the server was unable to return a response in the time allotted|connection reset by peer|use of closed network connection|broken pipe|connection refused|i\/o timeout|TLS handshake timeout|unexpected EOF|http2: server sent GOAWAY|etcdserver: request timed out|context deadline exceeded|an error on the server \("?[^)]*\)? has prevented the request from succeeding)\b|\b(500|502|503|504|429)\b.*\b(Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|Too Many Requests)\b/i;
var CONNECTION_CLOSED = /(": |server: )EOF$/m;
function isTransient(result) {
  if (result.code === 0) return false;
  return TRANSIENT.test(result.stderr) || CONNECTION_CLOSED.test(result.stderr);
}
function kubectlEnv(env) {
  return env.GOGC === void 0 ? { ...env, GOGC: "200" } : env;
}
function createKubectl(config) {
  const limiter = createLimiter(config.concurrency);
  const backoff = config.backoffMs ?? DEFAULT_BACKOFF_MS;
  let spawned = 0;
  const running = /* @__PURE__ */ new Set();
  const baseArgs = [
    ...config.kubeconfig ? ["--kubeconfig", config.kubeconfig] : [],
    ...config.context ? ["--context", config.context] : []
  ];
  const once = (call) => limiter.run(
    () => new Promise((resolve2) => {
      spawned++;
      config.debug?.(`kubectl ${call.args.join(" ")}`);
      const child = spawn(config.binary, [...baseArgs, ...call.args], {
        stdio: ["pipe", "pipe", "pipe"],
        // its own process group, so a deadline kills kubectl and anything it started
        detached: true,
        env: kubectlEnv(process.env)
      });
      call.onSpawn?.();
      let stdout = "";
      let stderr = "";
      let timedOut = false;
      let aborted = false;
      let settled = false;
      const kill = (signal = "SIGKILL") => {
        try {
          if (child.pid) process.kill(-child.pid, signal);
        } catch {
        }
      };
      const timeoutMs = call.deadline === void 0 ? call.timeoutMs : Math.min(call.timeoutMs, Math.max(MIN_TRY_MS, call.deadline - Date.now()));
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, timeoutMs);
      const onAbort = () => {
        aborted = true;
        kill("SIGTERM");
        setTimeout(() => kill(), 2e3).unref();
      };
      running.add(kill);
      if (call.signal?.aborted) onAbort();
      call.signal?.addEventListener("abort", onAbort, { once: true });
      child.stdout.setEncoding("utf8");
      child.stderr.setEncoding("utf8");
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        call.onStdout?.(chunk);
      });
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const finish = (code) => {
        if (settled) return;
        settled = true;
        running.delete(kill);
        clearTimeout(timer);
        call.signal?.removeEventListener("abort", onAbort);
        resolve2({ code, stdout, stderr, timedOut, aborted });
      };
      child.on("error", (err) => {
        stderr += err.code === "ENOENT" ? `kubectl not found at "${config.binary}"` : err.message;
        finish(127);
      });
      child.on("close", (code, signal) => finish(code ?? (signal ? 137 : 1)));
      child.stdin.on("error", () => {
      });
      child.stdin.end(call.stdin ?? "");
    })
  );
  return {
    async run(call) {
      let tries = 0;
      const { deadline } = call;
      for (; ; ) {
        const result = await once(call);
        tries++;
        const retryable = call.idempotent && !result.aborted && (result.timedOut || isTransient(result));
        const wait = backoff[tries - 1];
        const late = deadline !== void 0 && wait !== void 0 && Date.now() + wait >= deadline;
        if (!retryable || wait === void 0 || late) return { ...result, tries };
        config.debug?.(`kubectl ${call.args[0] ?? ""}: transient failure, retrying in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
      }
    },
    stats: () => ({ spawned, peak: limiter.peak() }),
    stopAll: () => {
      for (const kill of running) kill();
    }
  };
}
function serverMessage(stderr) {
  const all = [
    ...new Set(
      stderr.split("\n").map((l) => l.trim()).filter(Boolean)
    )
  ];
  const klog = (l) => /^[IWEF]\d{4} /.test(l);
  const said = all.filter((l) => !klog(l));
  const lines = said.length > 0 ? said : all.filter((l) => !/^(I|W)\d{4} /.test(l));
  const text = lines.join(" ").replace(/^error: /i, "");
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}
function describeFailure(what, result) {
  if (result.timedOut) {
    return `${what}: kubectl did not finish in time and was stopped. Check that the cluster is reachable and responsive.`;
  }
  const said = serverMessage(result.stderr) || `kubectl exited with code ${result.code} and printed nothing`;
  if (/\(Forbidden\)|is forbidden|cannot (get|list|watch|create|delete|patch|update)/.test(said)) {
    return `${what}: permission denied. ${said}. Grant this permission to the identity in the kubeconfig (see examples/rbac.yaml).`;
  }
  if (/Unable to connect to the server|connection refused|no such host|dial tcp/.test(said)) {
    const why = said.replace(/^unable to recognize "STDIN": /, "");
    return `${what}: cannot reach the Kubernetes API. ${why}. Check the kubeconfig and context inputs.`;
  }
  if (/kubectl not found/.test(said)) {
    return `${what}: ${said}. Install kubectl, or set the kubectl-version input.`;
  }
  return `${what}: ${said}`;
}

// src/cluster/kube-context.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync, statSync as statSync2 } from "node:fs";
import { homedir } from "node:os";
import { delimiter as delimiter2, join as join2 } from "node:path";
function readIfFile(path) {
  const info = statSync2(path, { throwIfNoEntry: false });
  return info?.isFile() ? readFileSync(path, "utf8") : void 0;
}
function kubeconfigFiles(q) {
  if (q.kubeconfig !== void 0) return [q.kubeconfig];
  if (q.env.KUBECONFIG) return q.env.KUBECONFIG.split(delimiter2).filter(Boolean);
  return [join2(q.home ?? q.env.HOME ?? homedir(), ".kube", "config")];
}
function missingKubeContext(q) {
  const read = q.read ?? readIfFile;
  const NO_CONTEXT = `no kube context: ${q.fix}`;
  const files = kubeconfigFiles(q);
  let found;
  try {
    found = files.flatMap((file) => {
      const text = read(file);
      return text === void 0 ? [] : [{ file, doc: (0, import_yaml.parse)(text) }];
    });
  } catch {
    return void 0;
  }
  if (found.length === 0) {
    if (q.env.KUBERNETES_SERVICE_HOST) return void 0;
    const where = q.env.KUBECONFIG ? `KUBECONFIG names ${files.join(", ")}, and none of them exists` : `KUBECONFIG is not set, and there is no ${files[0] ?? "~/.kube/config"}`;
    return `${NO_CONTEXT} (${where})`;
  }
  let current;
  const contexts = [];
  for (const { doc } of found) {
    const d = doc && typeof doc === "object" ? doc : {};
    if (current === void 0 && typeof d["current-context"] === "string" && d["current-context"] !== "")
      current = d["current-context"];
    for (const c of Array.isArray(d.contexts) ? d.contexts : []) {
      const name = c?.name;
      if (typeof name === "string" && !contexts.includes(name)) contexts.push(name);
    }
  }
  const which = found.map((f) => f.file).join(", ");
  const known = contexts.length > 0 ? `its contexts are ${contexts.join(", ")}` : "it has no contexts";
  if (q.context !== void 0 && q.context !== "") {
    if (contexts.includes(q.context)) return void 0;
    return `no kube context ${JSON.stringify(q.context)} in ${which}${didYouMean(q.context, contexts)}; ${known}`;
  }
  if (current === void 0) return `${NO_CONTEXT} (${which} sets no current-context; ${known})`;
  if (!contexts.includes(current)) {
    return `${NO_CONTEXT} (the current-context ${JSON.stringify(current)} of ${which} is not one of its contexts; ${known})`;
  }
  return void 0;
}

// src/cli/line-io.ts
var asLine = (t) => t.endsWith("\n") ? t : `${t}
`;
var lineStdio = {
  out: (t) => void process.stdout.write(asLine(t)),
  err: (t) => void process.stderr.write(asLine(t))
};

// src/cli/commands.ts
var stdio = {
  ...lineStdio,
  stdout: { write: (t) => void process.stdout.write(t), isTTY: Boolean(process.stdout.isTTY) },
  stderr: { write: (t) => void process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY) },
  env: process.env
};
var CONNECTION_FLAGS = ["kubeconfig", "context", "kubectl", "concurrency"];
var CONNECTION_OPTIONS = [
  ["--kubeconfig FILE", "kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)"],
  ["--context NAME", "kube context (default: the kubeconfig's current context)"],
  ["--kubectl PATH", "kubectl binary (default: kubectl on PATH)"],
  ["--concurrency N", "most kubectl processes at once, 1 to 100 (default 32)"]
];
function connect(opts, env = process.env) {
  if (opts.kubeconfig !== void 0) {
    const info = statSync3(opts.kubeconfig, { throwIfNoEntry: false });
    if (!info) return { error: `--kubeconfig: the file ${opts.kubeconfig} does not exist` };
    if (!info.isFile())
      return { error: `--kubeconfig: ${opts.kubeconfig} is not a file; give the kubeconfig file` };
  }
  let binary = opts.kubectl;
  if (binary !== void 0 && !binary.includes("/")) {
    const found = findOnPath(binary, env.PATH ?? "");
    if (!found)
      return { error: `--kubectl: ${binary} was not found on PATH; give the path of the kubectl binary` };
    binary = found;
  } else if (binary !== void 0) {
    if (!isExecutableFile(binary))
      return { error: `--kubectl: ${binary} is not an executable file; give the path of the kubectl binary` };
  } else {
    binary = findOnPath("kubectl", env.PATH ?? "");
    if (!binary) return { error: "kubectl was not found on PATH; install it, or pass --kubectl PATH" };
  }
  const noContext = missingKubeContext({
    kubeconfig: opts.kubeconfig,
    context: opts.context,
    env,
    fix: "set KUBECONFIG or pass --context"
  });
  if (noContext) return { error: noContext };
  return {
    kubectl: createKubectl({
      binary,
      kubeconfig: opts.kubeconfig,
      context: opts.context,
      concurrency: opts.concurrency
    })
  };
}
function parseCommandArgs(argv, spec) {
  const end = argv.indexOf("--");
  const before = (end === -1 ? argv : argv.slice(0, end)).map((a) => a === "-h" ? "--help" : a);
  const options = parseArgs(before, spec);
  if (!options.ok) return options;
  const dashed = options.value.positionals.find((a) => a.startsWith("-") && a !== "-");
  if (dashed) return { ok: false, error: unknownOption(dashed, spec) };
  if (end !== -1) options.value.positionals.push(...argv.slice(end + 1));
  return options;
}
function startCommand(argv, io, command) {
  const parsed2 = parseCommandArgs(argv, command.spec);
  if (!parsed2.ok) return { exit: usageError(io, command.name, parsed2.error, command.help) };
  if (parsed2.value.switches.has("help")) {
    io.out(command.help);
    return { exit: 0 };
  }
  return { args: parsed2.value };
}
function matrixArgument(positionals, flags, missing) {
  const named = flags.matrix;
  if (named === "") return { error: "--matrix needs a file name" };
  if (positionals.length > 1) {
    const all = positionals.map((p) => JSON.stringify(p)).join(", ");
    return { error: `give exactly one matrix file, not ${positionals.length} (${all})` };
  }
  const [positional] = positionals;
  if (positional !== void 0 && named !== void 0) {
    return {
      error: `give the matrix once, as MATRIX_FILE (${JSON.stringify(positional)}) or as --matrix (${JSON.stringify(named)}), not both`
    };
  }
  const file = positional ?? named;
  return file === void 0 ? { error: missing } : { file };
}
function usageError(io, command, message, help) {
  io.err(
    `netpol-canary ${command}: ${message}
${help.split("\n")[0]}
(see netpol-canary ${command} --help)`
  );
  return 2;
}

// src/cli/help.ts
var COLUMN = 27;
var HELP_OPTION = ["-h, --help", "show this help"];
function renderHelp(help) {
  const options = help.options.flatMap(([option, meaning]) => {
    const [first = "", ...more] = meaning.split("\n");
    const head = option.length < COLUMN ? option.padEnd(COLUMN) : `${option}
${"".padEnd(COLUMN + 2)}`;
    return [`  ${head}${first}`, ...more.map((line) => `${"".padEnd(COLUMN + 2)}${line}`)];
  });
  return [`usage: ${help.usage}`, "", ...help.about, ...options.length ? ["", ...options] : []].join("\n");
}

// src/predict/load.ts
import { readdir, readFile, stat } from "node:fs/promises";
import { join as join3 } from "node:path";

// src/predict/parse.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/policy/unmodelled.ts
function unmodelledNotes(snapshot, namespaces) {
  const groups = /* @__PURE__ */ new Map();
  for (const p of snapshot.unmodelled ?? []) {
    if (p.namespace !== void 0 && !namespaces.includes(p.namespace)) continue;
    const kind = kindText(p.kind, p.apiVersion);
    const key = `${kind}\0${p.namespace ?? ""}`;
    const g = groups.get(key) ?? {
      kind,
      ...p.namespace !== void 0 ? { namespace: p.namespace } : {},
      count: 0
    };
    g.count += 1;
    groups.set(key, g);
  }
  const counted = [...groups.values()].sort((a, b) => (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.kind.localeCompare(b.kind)).map(
    (g) => `${g.count} ${g.count === 1 ? g.kind : plural(g.kind)}${g.namespace !== void 0 ? ` in ${g.namespace}` : ""}`
  );
  const unread = (snapshot.unread ?? []).filter((u) => u.namespace === void 0 || namespaces.includes(u.namespace)).map((u) => u.text);
  return [...counted, ...unread];
}
function unmodelledSentence(notes) {
  const list = notes.length <= 1 ? notes[0] ?? "" : `${notes.slice(0, -1).join(", ")} and ${notes[notes.length - 1]}`;
  const one = notes.length === 1 && /^1 /.test(notes[0] ?? "");
  return `${list} ${one ? "is" : "are"} not modelled: this explanation may be incomplete`;
}
var SHARED_NAMES = /* @__PURE__ */ new Set([
  "NetworkPolicy",
  "ClusterNetworkPolicy",
  "AdminNetworkPolicy",
  "BaselineAdminNetworkPolicy"
]);
function kindText(kind, apiVersion) {
  if (!SHARED_NAMES.has(kind)) return kind;
  return `${kind} (${apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : apiVersion || "no apiVersion"})`;
}
function plural(kind) {
  const m = /^(\S+)( \(.*\))$/.exec(kind);
  if (m) return `${plural(m[1])}${m[2]}`;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return /(s|x|ch|sh)$/.test(kind) ? `${kind}es` : `${kind}s`;
}
var CLUSTER_WIDE_KINDS = /* @__PURE__ */ new Set([
  "CiliumClusterwideNetworkPolicy",
  "GlobalNetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "ClusterNetworkPolicy",
  "AdminNetworkPolicy",
  "BaselineAdminNetworkPolicy"
]);

// src/core/result.ts
function ok(value) {
  return { ok: true, value };
}
function fail(...errors) {
  return { ok: false, errors };
}

// src/predict/convert.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function field(obj, ...path) {
  let v = obj;
  for (const key of path) v = isObject(v) ? v[key] : void 0;
  return v;
}
function readStringMap(value) {
  const out = {};
  if (!isObject(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === void 0 || typeof v === "object") continue;
    out[k] = String(v);
  }
  return out;
}
function readLabels(obj) {
  return readStringMap(field(obj, "metadata", "labels"));
}
function objectName(obj) {
  const kind = typeof field(obj, "kind") === "string" ? field(obj, "kind") : "object";
  const name = field(obj, "metadata", "name");
  const ns = field(obj, "metadata", "namespace");
  const shown = typeof name === "string" ? name : "(no name)";
  return typeof ns === "string" && kind !== "Namespace" ? `${kind} ${ns}/${shown}` : `${kind} ${shown}`;
}
function nameAndNamespace(obj) {
  const name = field(obj, "metadata", "name");
  if (typeof name !== "string" || name === "") return fail(`${objectName(obj)} has no metadata.name`);
  const ns = field(obj, "metadata", "namespace");
  return ok({ name, namespace: typeof ns === "string" && ns !== "" ? ns : "default" });
}
function protocolOf(value) {
  return value === "UDP" || value === "SCTP" ? value : "TCP";
}
function intOrString(value) {
  if (typeof value === "number") return value;
  if (typeof value === "string") return /^\d+$/.test(value) ? Number(value) : value;
  return void 0;
}
function namespaceFrom(obj) {
  const name = field(obj, "metadata", "name");
  if (typeof name !== "string" || name === "") return fail(`${objectName(obj)} has no metadata.name`);
  return ok({ name, labels: readLabels(obj) });
}
function containerPorts(podSpec) {
  const containers = field(podSpec, "containers");
  const inits = field(podSpec, "initContainers");
  const all = [
    ...Array.isArray(containers) ? containers : [],
    ...Array.isArray(inits) ? inits.filter((c) => field(c, "restartPolicy") === "Always") : []
  ];
  const ports = [];
  for (const c of all) {
    const list = field(c, "ports");
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      const containerPort = intOrString(field(p, "containerPort"));
      if (typeof containerPort !== "number") continue;
      const name = field(p, "name");
      ports.push({
        ...typeof name === "string" ? { name } : {},
        containerPort,
        protocol: protocolOf(field(p, "protocol"))
      });
    }
  }
  return ports;
}
function podFrom(obj) {
  const id = nameAndNamespace(obj);
  if (!id.ok) return id;
  const ip = field(obj, "status", "podIP");
  return ok({
    ...id.value,
    labels: readLabels(obj),
    ...typeof ip === "string" && ip !== "" ? { ip } : {},
    ports: containerPorts(field(obj, "spec")),
    ...field(obj, "spec", "hostNetwork") === true ? { hostNetwork: true } : {}
  });
}
var WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"];
function podsFromWorkload(obj) {
  const id = nameAndNamespace(obj);
  if (!id.ok) return id;
  const kind = field(obj, "kind");
  const template = kind === "CronJob" ? field(obj, "spec", "jobTemplate", "spec", "template") : field(obj, "spec", "template");
  if (!isObject(template)) return fail(`${objectName(obj)} has no pod template (spec.template)`);
  const pod = (name) => ({
    namespace: id.value.namespace,
    name,
    labels: readLabels(template),
    ports: containerPorts(field(template, "spec")),
    ...field(template, "spec", "hostNetwork") === true ? { hostNetwork: true } : {}
  });
  if (kind !== "StatefulSet") return ok([pod(id.value.name)]);
  const replicas = field(obj, "spec", "replicas");
  const count = typeof replicas === "number" ? Math.max(0, Math.min(replicas, 10)) : 1;
  return ok(Array.from({ length: count }, (_, i) => pod(`${id.value.name}-${i}`)));
}
function serviceFrom(obj) {
  const id = nameAndNamespace(obj);
  if (!id.ok) return id;
  const clusterIP = field(obj, "spec", "clusterIP");
  const list = field(obj, "spec", "ports");
  const ports = (Array.isArray(list) ? list : []).flatMap((p) => {
    const port = intOrString(field(p, "port"));
    if (typeof port !== "number") return [];
    const name = field(p, "name");
    return [
      {
        ...typeof name === "string" ? { name } : {},
        port,
        // targetPort defaults to port
        targetPort: intOrString(field(p, "targetPort")) ?? port,
        protocol: protocolOf(field(p, "protocol"))
      }
    ];
  });
  return ok({
    ...id.value,
    selector: readStringMap(field(obj, "spec", "selector")),
    ...typeof clusterIP === "string" && clusterIP !== "" && clusterIP !== "None" ? { clusterIP } : {},
    ports
  });
}
function policyFrom(obj) {
  const id = nameAndNamespace(obj);
  if (!id.ok) return id;
  const spec = field(obj, "spec");
  const who = `NetworkPolicy ${id.value.namespace}/${id.value.name}`;
  if (!isObject(spec)) return fail(`${who} has no spec`);
  const errors = [];
  checkSelector(spec.podSelector, "spec.podSelector", errors);
  if (spec.policyTypes !== void 0) {
    if (!Array.isArray(spec.policyTypes) || spec.policyTypes.some((t) => t !== "Ingress" && t !== "Egress")) {
      errors.push("spec.policyTypes must be a list of Ingress and Egress");
    }
  }
  for (const [key, peersKey] of [
    ["ingress", "from"],
    ["egress", "to"]
  ]) {
    const rules = spec[key];
    if (rules === void 0 || rules === null) continue;
    if (!Array.isArray(rules)) {
      errors.push(`spec.${key} must be a list of rules`);
      continue;
    }
    rules.forEach((rule, i) => checkRule(rule, `spec.${key}[${i}]`, peersKey, errors));
  }
  if (errors.length > 0) return fail(...errors.map((e) => `${who}: ${e}`));
  const copy = structuredClone(spec);
  for (const key of ["ingress", "egress"]) {
    const rules = copy[key];
    if (rules === null) delete copy[key];
    else if (rules) copy[key] = rules.map((r) => r ?? {});
  }
  copy.podSelector = copy.podSelector ?? {};
  return ok({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: id.value.name, namespace: id.value.namespace },
    spec: copy
  });
}
function checkSelector(value, at, errors) {
  if (value === void 0 || value === null) return;
  if (!isObject(value))
    return void errors.push(`${at} must be a label selector (matchLabels, matchExpressions)`);
  if (value.matchLabels !== void 0 && value.matchLabels !== null && !isObject(value.matchLabels)) {
    errors.push(`${at}.matchLabels must be a map of labels`);
  }
  const exprs = value.matchExpressions;
  if (exprs === void 0 || exprs === null) return;
  if (!Array.isArray(exprs)) return void errors.push(`${at}.matchExpressions must be a list`);
  exprs.forEach((e, i) => {
    const op = field(e, "operator");
    if (typeof field(e, "key") !== "string") errors.push(`${at}.matchExpressions[${i}] has no key`);
    if (op !== "In" && op !== "NotIn" && op !== "Exists" && op !== "DoesNotExist") {
      errors.push(`${at}.matchExpressions[${i}].operator must be In, NotIn, Exists or DoesNotExist`);
    } else if ((op === "In" || op === "NotIn") && !Array.isArray(field(e, "values"))) {
      errors.push(`${at}.matchExpressions[${i}] (${op}) needs a list of values`);
    }
  });
}
function checkRule(rule, at, peersKey, errors) {
  if (rule === null || rule === void 0) return;
  if (!isObject(rule)) return void errors.push(`${at} must be a rule (${peersKey}, ports)`);
  const peers = rule[peersKey];
  if (peers !== void 0 && peers !== null) {
    if (!Array.isArray(peers)) errors.push(`${at}.${peersKey} must be a list`);
    else {
      peers.forEach((peer, i) => {
        const p = `${at}.${peersKey}[${i}]`;
        if (!isObject(peer))
          return void errors.push(`${p} must be a peer (podSelector, namespaceSelector, ipBlock)`);
        checkSelector(peer.podSelector, `${p}.podSelector`, errors);
        checkSelector(peer.namespaceSelector, `${p}.namespaceSelector`, errors);
        if (peer.ipBlock !== void 0 && typeof field(peer.ipBlock, "cidr") !== "string") {
          errors.push(`${p}.ipBlock has no cidr`);
        }
      });
    }
  }
  const ports = rule.ports;
  if (ports !== void 0 && ports !== null) {
    if (!Array.isArray(ports)) errors.push(`${at}.ports must be a list`);
    else if (ports.some((p) => !isObject(p))) errors.push(`${at}.ports must be a list of ports`);
  }
}

// src/predict/convert-admin.ts
var ADMIN_GROUP = "policy.networking.k8s.io";
var ADMIN_KINDS = {
  ClusterNetworkPolicy: `${ADMIN_GROUP}/v1alpha2`,
  AdminNetworkPolicy: `${ADMIN_GROUP}/v1alpha1`,
  BaselineAdminNetworkPolicy: `${ADMIN_GROUP}/v1alpha1`
};
function isAdminKind(kind, apiVersion) {
  return ADMIN_KINDS[kind] === apiVersion;
}
function adminPolicyFrom(obj) {
  const o = isObject(obj) ? obj : {};
  const kind = o.kind;
  const meta = isObject(o.metadata) ? o.metadata : {};
  const name = typeof meta.name === "string" ? meta.name : "";
  const who = `${kind} ${name || "(no name)"}`;
  if (name === "") return fail(`${who} has no metadata.name`);
  const spec = o.spec;
  if (!isObject(spec)) return fail(`${who} has no spec`);
  const errors = [];
  const v1alpha1 = kind !== "ClusterNetworkPolicy";
  let tier = kind === "BaselineAdminNetworkPolicy" ? "Baseline" : "Admin";
  if (kind === "ClusterNetworkPolicy") {
    if (spec.tier === "Admin" || spec.tier === "Baseline") tier = spec.tier;
    else errors.push("spec.tier must be Admin or Baseline");
  }
  let priority = 0;
  if (kind !== "BaselineAdminNetworkPolicy") {
    const p = spec.priority;
    if (typeof p === "number" && Number.isInteger(p) && p >= 0 && p <= 1e3) priority = p;
    else errors.push("spec.priority must be a whole number from 0 to 1000");
  }
  const subject = subjectOf(spec.subject, errors);
  const actions = kind === "BaselineAdminNetworkPolicy" ? ["Accept", "Deny"] : ["Accept", "Deny", "Pass"];
  const rules = (key) => {
    const list = spec[key];
    if (list === void 0 || list === null) return [];
    if (!Array.isArray(list)) {
      errors.push(`spec.${key} must be a list of rules`);
      return [];
    }
    return list.flatMap((r, i) => {
      const rule = ruleOf(r, `spec.${key}[${i}]`, key, v1alpha1, actions, errors);
      return rule ? [rule] : [];
    });
  };
  const ingress = rules("ingress");
  const egress = rules("egress");
  if (errors.length > 0) return fail(...errors.map((e) => `${who}: ${e}`));
  return ok({ kind, name, tier, priority, subject, ingress, egress });
}
function selectorOf(value, at, errors) {
  if (value === void 0 || value === null) return {};
  if (!isObject(value)) {
    errors.push(`${at} must be a label selector (matchLabels, matchExpressions)`);
    return {};
  }
  const out = {};
  if (value.matchLabels !== void 0 && value.matchLabels !== null) {
    if (!isObject(value.matchLabels)) errors.push(`${at}.matchLabels must be a map of labels`);
    else
      out.matchLabels = Object.fromEntries(Object.entries(value.matchLabels).map(([k, v]) => [k, String(v)]));
  }
  const exprs = value.matchExpressions;
  if (exprs !== void 0 && exprs !== null) {
    if (!Array.isArray(exprs)) errors.push(`${at}.matchExpressions must be a list`);
    else {
      exprs.forEach((e, i) => {
        const op = isObject(e) ? e.operator : void 0;
        if (!isObject(e) || typeof e.key !== "string") errors.push(`${at}.matchExpressions[${i}] has no key`);
        else if (op !== "In" && op !== "NotIn" && op !== "Exists" && op !== "DoesNotExist") {
          errors.push(`${at}.matchExpressions[${i}].operator must be In, NotIn, Exists or DoesNotExist`);
        }
      });
      out.matchExpressions = structuredClone(exprs);
    }
  }
  return out;
}
function podsOf(value, at, errors) {
  const v = isObject(value) ? value : {};
  if (!isObject(value)) errors.push(`${at} must have namespaceSelector and podSelector`);
  return {
    namespaceSelector: selectorOf(v.namespaceSelector, `${at}.namespaceSelector`, errors),
    podSelector: selectorOf(v.podSelector, `${at}.podSelector`, errors)
  };
}
function subjectOf(value, errors) {
  if (!isObject(value)) {
    errors.push("spec.subject must set namespaces or pods");
    return {};
  }
  const set = ["namespaces", "pods"].filter((k) => value[k] !== void 0 && value[k] !== null);
  if (set.length !== 1) {
    errors.push("spec.subject must set exactly one of namespaces and pods");
    return {};
  }
  if (set[0] === "namespaces")
    return { namespaces: selectorOf(value.namespaces, "spec.subject.namespaces", errors) };
  return { pods: podsOf(value.pods, "spec.subject.pods", errors) };
}
var PEER_FIELDS = {
  ingress: ["namespaces", "pods"],
  egress: ["namespaces", "pods", "networks", "nodes", "domainNames"]
};
function ruleOf(value, at, direction, v1alpha1, actions, errors) {
  if (!isObject(value)) {
    errors.push(`${at} must be a rule (action, ${direction === "ingress" ? "from" : "to"})`);
    return void 0;
  }
  const raw = value.action === "Allow" && v1alpha1 ? "Accept" : value.action;
  const allowedWords = actions.map((a) => a === "Accept" && v1alpha1 ? "Allow" : a);
  if (typeof raw !== "string" || !actions.includes(raw) || value.action === "Accept" && v1alpha1) {
    errors.push(`${at}.action must be ${allowedWords.join(", ").replace(/, (\w+)$/, " or $1")}`);
    return void 0;
  }
  const peersKey = direction === "ingress" ? "from" : "to";
  const list = value[peersKey];
  if (!Array.isArray(list) || list.length === 0) {
    errors.push(`${at}.${peersKey} must be a list of at least one peer`);
    return void 0;
  }
  const peers = [];
  list.forEach((p, i) => {
    const where = `${at}.${peersKey}[${i}]`;
    const fields = PEER_FIELDS[direction];
    const set = isObject(p) ? fields.filter((k) => p[k] !== void 0 && p[k] !== null) : [];
    if (!isObject(p) || set.length !== 1) {
      errors.push(`${where} must set exactly one of ${fields.join(", ")}`);
      return;
    }
    const field2 = set[0];
    if (field2 === "namespaces")
      peers.push({ namespaces: selectorOf(p.namespaces, `${where}.namespaces`, errors) });
    else if (field2 === "pods") peers.push({ pods: podsOf(p.pods, `${where}.pods`, errors) });
    else if (field2 === "nodes") peers.push({ nodes: selectorOf(p.nodes, `${where}.nodes`, errors) });
    else {
      const items = p[field2];
      if (!Array.isArray(items) || items.some((x) => typeof x !== "string")) {
        errors.push(`${where}.${field2} must be a list of strings`);
      } else peers.push({ [field2]: [...items] });
    }
  });
  const ports = v1alpha1 ? portsV1alpha1(value.ports, `${at}.ports`, errors) : protocolsOf(value.protocols, `${at}.protocols`, errors);
  return {
    ...typeof value.name === "string" && value.name !== "" ? { name: value.name } : {},
    action: raw,
    peers,
    ...ports ? { ports } : {}
  };
}
function protocolOf2(value) {
  if (value === void 0 || value === null) return "TCP";
  return value === "TCP" || value === "UDP" || value === "SCTP" ? value : void 0;
}
function eachPort(value, at, errors, read) {
  if (value === void 0 || value === null) return void 0;
  if (!Array.isArray(value)) {
    errors.push(`${at} must be a list`);
    return void 0;
  }
  return value.flatMap(read);
}
function portsV1alpha1(value, at, errors) {
  return eachPort(value, at, errors, (p, i) => {
    const where = `${at}[${i}]`;
    if (isObject(p) && isObject(p.portNumber)) {
      const protocol = protocolOf2(p.portNumber.protocol);
      const port = p.portNumber.port;
      if (!protocol || typeof port !== "number") {
        errors.push(`${where}.portNumber needs a port number and a protocol of TCP, UDP or SCTP`);
        return [];
      }
      return [{ protocol, port }];
    }
    if (isObject(p) && isObject(p.portRange)) {
      const protocol = protocolOf2(p.portRange.protocol);
      const { start, end } = p.portRange;
      if (!protocol || typeof start !== "number" || typeof end !== "number") {
        errors.push(`${where}.portRange needs start, end and a protocol of TCP, UDP or SCTP`);
        return [];
      }
      return [{ protocol, port: start, endPort: end }];
    }
    if (isObject(p) && typeof p.namedPort === "string") return [{ namedPort: p.namedPort }];
    errors.push(`${where} must set one of portNumber, portRange and namedPort`);
    return [];
  });
}
function protocolsOf(value, at, errors) {
  return eachPort(value, at, errors, (p, i) => {
    const where = `${at}[${i}]`;
    if (isObject(p) && typeof p.destinationNamedPort === "string")
      return [{ namedPort: p.destinationNamedPort }];
    for (const [key, protocol] of [
      ["tcp", "TCP"],
      ["udp", "UDP"],
      ["sctp", "SCTP"]
    ]) {
      if (!isObject(p) || !(key in p)) continue;
      const match = isObject(p[key]) ? p[key] : {};
      const dest = match.destinationPort;
      if (dest === void 0 || dest === null) return [{ protocol }];
      if (isObject(dest) && typeof dest.number === "number") return [{ protocol, port: dest.number }];
      const range = isObject(dest) ? dest.range : void 0;
      if (isObject(range) && typeof range.start === "number" && typeof range.end === "number") {
        return [{ protocol, port: range.start, endPort: range.end }];
      }
      errors.push(`${where}.${key}.destinationPort must set number or range (start, end)`);
      return [];
    }
    errors.push(`${where} must set one of tcp, udp, sctp and destinationNamedPort`);
    return [];
  });
}

// src/predict/parse.ts
function isOtherPolicyKind(kind) {
  return /NetworkPolicy$/.test(kind) || kind === "EgressFirewall";
}
function parseManifests(files) {
  const adminPolicies = [];
  const unmodelled = [];
  const snapshot = {
    namespaces: [],
    pods: [],
    services: [],
    policies: [],
    adminPolicies,
    unmodelled,
    where: "the manifests"
  };
  const warnings = [];
  const errors = [];
  const ignored = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Map();
  const add = (list, key, item, at) => {
    const k = key(item);
    const before = seen.get(k);
    if (before !== void 0) {
      warnings.push(`${at}: ${k} is also defined at ${before}; the one defined later is used`);
      const i = list.findIndex((x) => key(x) === k);
      if (i >= 0) list.splice(i, 1);
    }
    seen.set(k, at);
    list.push(item);
  };
  const take = (r, at, use) => {
    if (r.ok) use(r.value);
    else errors.push(...r.errors.map((e) => `${at}: ${e}`));
  };
  const visit = (obj, at) => {
    if (obj === null || obj === void 0) return;
    if (!isObject(obj)) {
      warnings.push(
        `${at}: not a Kubernetes object (a ${Array.isArray(obj) ? "list" : typeof obj}); skipped`
      );
      return;
    }
    const kind = obj.kind;
    if (typeof kind !== "string" || kind === "") {
      warnings.push(`${at}: an object without "kind"; skipped`);
      return;
    }
    if (kind === "List" || kind.endsWith("List") && Array.isArray(obj.items)) {
      const items = Array.isArray(obj.items) ? obj.items : [];
      items.forEach((item, i) => visit(item, `${at}, item ${i + 1}`));
      return;
    }
    const apiVersion = typeof obj.apiVersion === "string" ? obj.apiVersion : "";
    if (kind === "Namespace") {
      take(namespaceFrom(obj), at, (ns) => add(snapshot.namespaces, (n) => `Namespace ${n.name}`, ns, at));
    } else if (kind === "Pod") {
      take(podFrom(obj), at, (pod) => add(snapshot.pods, podKey, pod, at));
    } else if (WORKLOAD_KINDS.includes(kind)) {
      take(podsFromWorkload(obj), at, (pods) => pods.forEach((pod) => add(snapshot.pods, podKey, pod, at)));
    } else if (kind === "Service") {
      take(
        serviceFrom(obj),
        at,
        (svc) => add(snapshot.services, (s) => `Service ${s.namespace}/${s.name}`, svc, at)
      );
    } else if (kind === "NetworkPolicy" && apiVersion === "networking.k8s.io/v1") {
      take(
        policyFrom(obj),
        at,
        (p) => add(snapshot.policies, (x) => `NetworkPolicy ${x.metadata.namespace}/${x.metadata.name}`, p, at)
      );
    } else if (isAdminKind(kind, apiVersion)) {
      take(adminPolicyFrom(obj), at, (p) => add(adminPolicies, (x) => `${x.kind} ${x.name}`, p, at));
    } else if (isOtherPolicyKind(kind)) {
      unmodelled.push(unmodelledFrom(obj, kind, apiVersion));
      warnings.push(
        `${at}: ${objectName(obj)} (${apiVersion || "no apiVersion"}) is not a networking.k8s.io/v1 NetworkPolicy${kind in ADMIN_KINDS ? ` nor a ${ADMIN_KINDS[kind]} ${kind}` : ""}; predict does not model it, so the cluster may behave differently`
      );
    } else {
      ignored.set(kind, (ignored.get(kind) ?? 0) + 1);
    }
  };
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const lines = new import_yaml2.LineCounter();
    const docs = (0, import_yaml2.parseAllDocuments)(file.text, { lineCounter: lines });
    docs.forEach((doc, i) => {
      const offset = doc.contents?.range[0] ?? doc.range[0];
      const where = `${file.path}, line ${lines.linePos(offset).line}`;
      const [first] = doc.errors;
      if (first) {
        const pos = first.linePos?.[0];
        const place = pos ? `${file.path}, line ${pos.line}, column ${pos.col}` : `${file.path}, document ${i + 1}`;
        const message = first.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? first.code;
        errors.push(`${place}: ${message}; fix the YAML (this document was skipped)`);
        return;
      }
      visit(doc.toJS({ maxAliasCount: 1e3 }), where);
    });
  }
  if (ignored.size > 0) {
    const kinds = [...ignored.entries()].map(([kind, n]) => n > 1 ? `${kind} (${n})` : kind).join(", ");
    warnings.push(`ignored objects that play no part in NetworkPolicy: ${kinds}`);
  }
  return { snapshot, warnings, errors };
}
function unmodelledFrom(obj, kind, apiVersion) {
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const name = typeof meta.name === "string" ? meta.name : "(no name)";
  const ns = typeof meta.namespace === "string" && meta.namespace !== "" ? meta.namespace : void 0;
  const namespace = CLUSTER_WIDE_KINDS.has(kind) ? void 0 : ns ?? "default";
  return { kind, apiVersion, name, ...namespace !== void 0 ? { namespace } : {} };
}
function podKey(p) {
  return `Pod ${p.namespace}/${p.name}`;
}

// src/predict/load.ts
var EXTENSIONS = /\.(ya?ml|json)$/i;
async function loadManifests(path) {
  const empty = (error) => ({
    snapshot: { namespaces: [], pods: [], services: [], policies: [], where: "the manifests" },
    warnings: [],
    errors: [error]
  });
  let isDir;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (e) {
    return empty(`${path}: cannot read it (${describe(e)}); give a manifest file or a folder of them`);
  }
  let paths;
  try {
    paths = isDir ? await manifestFiles(path) : [path];
  } catch (e) {
    return empty(`${path}: cannot list the folder (${describe(e)})`);
  }
  if (paths.length === 0) return empty(`${path}: the folder has no .yaml, .yml or .json files`);
  const files = [];
  const unreadable = [];
  for (const p of paths) {
    try {
      files.push({ path: p, text: await readFile(p, "utf8") });
    } catch (e) {
      unreadable.push(`${p}: cannot read it (${describe(e)})`);
    }
  }
  const loaded = parseManifests(files);
  return { ...loaded, errors: [...unreadable, ...loaded.errors] };
}
async function manifestFiles(dir) {
  const out = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = join3(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      out.push(...await manifestFiles(full));
    } else if ((entry.isFile() || entry.isSymbolicLink()) && EXTENSIONS.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}
function describe(e) {
  const err = e;
  if (err?.code === "ENOENT") return "it does not exist";
  if (err?.code === "EACCES") return "permission denied";
  return err?.message ?? String(e);
}

// src/policy/cidr.ts
function parseIp(text) {
  const s = text.trim().replace(/^\[|\]$/g, "");
  if (s.includes(":")) {
    const value2 = parseV6(s);
    return value2 === void 0 ? void 0 : { family: 6, value: value2 };
  }
  const value = parseV4(s);
  return value === void 0 ? void 0 : { family: 4, value };
}
function isIp(text) {
  return parseIp(text) !== void 0;
}
function parseV4(s) {
  const parts = s.split(".");
  if (parts.length !== 4) return void 0;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return void 0;
    value = value << 8n | BigInt(Number(part));
  }
  return value;
}
function parseV6(s) {
  const halves = s.split("::");
  if (halves.length > 2) return void 0;
  const groups = (half) => {
    if (half === "") return [];
    const parts = half.split(":");
    const last = parts[parts.length - 1];
    if (last.includes(".")) {
      const v4 = parseV4(last);
      if (v4 === void 0) return void 0;
      parts.splice(parts.length - 1, 1, (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
    }
    return parts;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return void 0;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return void 0;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return void 0;
    value = value << 16n | BigInt(parseInt(g, 16));
  }
  return value;
}
function parseCidr(text) {
  const [addr, len, extra] = text.trim().split("/");
  if (addr === void 0 || len === void 0 || extra !== void 0 || !/^\d{1,3}$/.test(len))
    return void 0;
  const ip = parseIp(addr);
  const bits = Number(len);
  if (!ip || bits > (ip.family === 4 ? 32 : 128)) return void 0;
  return { family: ip.family, base: ip.value, bits };
}
function blockContains(block, ip) {
  if (block.family !== ip.family) return false;
  const width = BigInt(block.family === 4 ? 32 : 128);
  const shift = width - BigInt(block.bits);
  return block.base >> shift === ip.value >> shift;
}

// src/policy/selectors.ts
function matchesSelector(selector, labels) {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => matchesRequirement(req, labels));
}
function matchesRequirement(req, labels) {
  const has = Object.hasOwn(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(labels[req.key]);
    // NotIn and DoesNotExist also match objects that lack the key
    case "NotIn":
      return !has || !values.includes(labels[req.key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      return false;
  }
}
function isEmptySelector(selector) {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
function selectorText(selector) {
  const terms = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = (req.values ?? []).join(", ");
    if (req.operator === "In") terms.push(`${req.key} in (${values})`);
    else if (req.operator === "NotIn") terms.push(`${req.key} notin (${values})`);
    else if (req.operator === "Exists") terms.push(req.key);
    else if (req.operator === "DoesNotExist") terms.push(`!${req.key}`);
    else terms.push(`${req.key} ${String(req.operator)} (${values})`);
  }
  return terms.length > 0 ? terms.join(",") : "{}";
}
function labelsText(labels) {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",");
}

// src/policy/connection.ts
var NAMESPACE_NAME_KEY = "kubernetes.io/metadata.name";
function whereText(snapshot) {
  return snapshot.where ?? "the cluster";
}
function namespaceLabels(snapshot, name) {
  const found = snapshot.namespaces.find((n) => n.name === name);
  return { ...found?.labels ?? {}, [NAMESPACE_NAME_KEY]: name };
}
function policyNamespace(policy) {
  return policy.metadata.namespace ?? "default";
}
function policyName(policy) {
  return `${policyNamespace(policy)}/${policy.metadata.name}`;
}
function sourceParty(snapshot, source) {
  const visible = labelsText(source.labels);
  const display = source.name ? `${source.namespace}/${source.name}` : unnamedPod(source.namespace, visible);
  return {
    kind: "pod",
    namespace: source.namespace,
    labels: { ...source.labels, ...source.hiddenLabels ?? {} },
    nsLabels: namespaceLabels(snapshot, source.namespace),
    ip: source.ip,
    display,
    selectText: visible || (source.name ? `pod ${source.name}` : "pods without labels")
  };
}
function podParty(snapshot, pod) {
  return {
    kind: "pod",
    namespace: pod.namespace,
    labels: pod.labels,
    nsLabels: namespaceLabels(snapshot, pod.namespace),
    ip: pod.ip,
    ports: pod.ports,
    display: `${pod.namespace}/${pod.name}`,
    selectText: labelsText(pod.labels) || `pod ${pod.name}`,
    ...pod.hostNetwork ? { hostNetwork: true } : {}
  };
}
function labelledParty(snapshot, namespace, labels) {
  const text = labelsText(labels);
  return {
    kind: "pod",
    namespace,
    labels,
    nsLabels: namespaceLabels(snapshot, namespace),
    display: unnamedPod(namespace, text),
    selectText: text || "pods without labels"
  };
}
function unnamedPod(namespace, labels) {
  return labels ? `a pod in ${namespace} with ${labels}` : `a pod in ${namespace}`;
}
function portText(port, protocol) {
  return protocol === "TCP" ? `port ${port}` : `${protocol} port ${port}`;
}

// src/policy/admin-rules.ts
var YES = { value: "yes" };
var NO = { value: "no" };
var maybe = (why) => ({ value: "maybe", why });
function subjectSelects(subject, pod) {
  if (pod.hostNetwork) return false;
  if (subject.namespaces) return matchesSelector(subject.namespaces, pod.nsLabels);
  if (subject.pods) {
    return matchesSelector(subject.pods.namespaceSelector, pod.nsLabels) && matchesSelector(subject.pods.podSelector, pod.labels);
  }
  return false;
}
function adminPeerMatches(snapshot, peer, other) {
  if (peer.namespaces) {
    return other.kind === "pod" && !other.hostNetwork && matchesSelector(peer.namespaces, other.nsLabels) ? YES : NO;
  }
  if (peer.pods) {
    return other.kind === "pod" && !other.hostNetwork && matchesSelector(peer.pods.namespaceSelector, other.nsLabels) && matchesSelector(peer.pods.podSelector, other.labels) ? YES : NO;
  }
  if (peer.networks) return networksMatch(peer.networks, other);
  if (peer.nodes) return nodesMatch(snapshot, peer.nodes, other);
  if (peer.domainNames) return domainsMatch(peer.domainNames, other);
  return NO;
}
function networksMatch(networks, other) {
  const blocks = networks.map(parseCidr).filter((b) => b !== void 0);
  if (other.ip === void 0) {
    if (blocks.some((b) => b.bits === 0)) return YES;
    return maybe(
      `the IP of ${other.display} is unknown, so whether it is in ${networks.join(", ")} cannot be told`
    );
  }
  const ip = parseIp(other.ip);
  if (!ip) return maybe(`"${other.ip}" (${other.display}) is not an IP address`);
  return blocks.some((b) => blockContains(b, ip)) ? YES : NO;
}
function nodesMatch(snapshot, selector, other) {
  if (other.kind === "pod" && !other.hostNetwork) return NO;
  if (other.kind === "external" && other.ip === void 0) return NO;
  const nodes = snapshot.nodes;
  if (nodes === void 0) {
    return maybe(
      `which nodes have the labels ${selectorText(selector ?? {})} is not known from ${whereText(snapshot)}`
    );
  }
  if (other.ip === void 0) return maybe(`the IP of ${other.display} is unknown`);
  const ip = parseIp(other.ip);
  const node = nodes.find(
    (n) => n.addresses.some((a) => {
      const have = parseIp(a);
      return Boolean(ip && have && have.family === ip.family && have.value === ip.value);
    })
  );
  return node && matchesSelector(selector ?? {}, node.labels) ? YES : NO;
}
function domainsMatch(domains, other) {
  if (other.kind === "pod") return NO;
  if (other.host === void 0) {
    return maybe(
      `whether ${other.display} is an address of ${domains.join(", ")} depends on DNS answers, which cannot be known ahead`
    );
  }
  const host = other.host.toLowerCase().replace(/\.$/, "");
  return domains.some((d) => domainMatches(d.toLowerCase().replace(/\.$/, ""), host)) ? YES : NO;
}
function domainMatches(pattern, host) {
  if (pattern.startsWith("*.")) {
    const suffix = pattern.slice(1);
    return host.endsWith(suffix) && host.length > suffix.length;
  }
  return pattern === host;
}
function adminPortMatches(entry, conn) {
  if ("namedPort" in entry) {
    const dest = conn.to;
    if (dest.kind === "external") return NO;
    if (!dest.ports) {
      return maybe(
        `the ports of ${dest.display} are unknown, so the named port "${entry.namedPort}" cannot be resolved`
      );
    }
    const declared = dest.ports.find((p) => p.name === entry.namedPort);
    return declared && declared.protocol === conn.protocol && declared.containerPort === conn.port ? YES : NO;
  }
  if (entry.protocol !== conn.protocol) return NO;
  if (entry.port === void 0) return YES;
  return conn.port >= entry.port && conn.port <= (entry.endPort ?? entry.port) ? YES : NO;
}
function adminRuleMatches(snapshot, rule, other, conn) {
  const peers = anyOf(rule.peers.map((p) => adminPeerMatches(snapshot, p, other)));
  if (peers.value === "no") return NO;
  const ports = rule.ports && rule.ports.length > 0 ? anyOf(rule.ports.map((p) => adminPortMatches(p, conn))) : YES;
  if (ports.value === "no") return NO;
  return peers.value === "maybe" ? peers : ports;
}
function anyOf(tris) {
  return tris.find((t) => t.value === "yes") ?? tris.find((t) => t.value === "maybe") ?? NO;
}
var TIER_WORD = { Admin: "admin", Baseline: "baseline" };
function tierWord(tier) {
  return TIER_WORD[tier];
}
function adminPolicyText(policy) {
  const priority = policy.kind === "BaselineAdminNetworkPolicy" ? "" : ` (priority ${policy.priority})`;
  return `${policy.kind} ${policy.name}${priority}`;
}
function adminRuleText(rule, index, direction) {
  const named = rule.name ? ` "${rule.name}"` : "";
  const where = direction === "egress" ? "to" : "from";
  const peers = rule.peers.map(adminPeerText).join(" or ") || "no peer";
  const ports = rule.ports && rule.ports.length > 0 ? `, ${rule.ports.map(adminPortText).join(", ")}` : "";
  return `${direction} rule #${index + 1}${named} (${where} ${peers}${ports})`;
}
function adminPeerText(peer) {
  const sel = (s) => isEmptySelector(s) ? "{} (all)" : selectorText(s);
  if (peer.namespaces) return `namespaces ${sel(peer.namespaces)}`;
  if (peer.pods) {
    return `pods ${sel(peer.pods.podSelector)} in namespaces ${sel(peer.pods.namespaceSelector)}`;
  }
  if (peer.networks) return `networks ${peer.networks.join(", ")}`;
  if (peer.nodes) return `nodes ${sel(peer.nodes)}`;
  if (peer.domainNames) return `domainNames ${peer.domainNames.join(", ")}`;
  return "an empty peer";
}
function adminPortText(port) {
  if ("namedPort" in port) return `named port ${port.namedPort}`;
  if (port.port === void 0) return `every ${port.protocol} port`;
  return `${port.port}${port.endPort !== void 0 ? `-${port.endPort}` : ""}/${port.protocol}`;
}

// src/policy/rules.ts
var YES2 = { value: "yes" };
var NO2 = { value: "no" };
var maybe2 = (why) => ({ value: "maybe", why });
function policyTypes(policy) {
  const declared = policy.spec.policyTypes;
  if (declared && declared.length > 0) return declared;
  return (policy.spec.egress?.length ?? 0) > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}
function peerMatches(peer, policyNs, other) {
  if (peer.ipBlock) return ipBlockMatches(peer.ipBlock, other);
  if (!peer.podSelector && !peer.namespaceSelector) return NO2;
  if (other.kind === "external") return NO2;
  const nsOk = peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, other.nsLabels) : other.namespace === policyNs;
  const podOk = peer.podSelector ? matchesSelector(peer.podSelector, other.labels) : true;
  return nsOk && podOk ? YES2 : NO2;
}
function ipBlockMatches(block, other) {
  const cidr = parseCidr(block.cidr);
  if (!cidr) return NO2;
  const everything = cidr.bits === 0 && (block.except ?? []).length === 0;
  if (other.ip === void 0) {
    return everything ? YES2 : maybe2(`the IP of ${other.display} is unknown`);
  }
  const ip = parseIp(other.ip);
  if (!ip) return maybe2(`"${other.ip}" (${other.display}) is not an IP address`);
  if (!blockContains(cidr, ip)) return NO2;
  for (const text of block.except ?? []) {
    const except = parseCidr(text);
    if (except && blockContains(except, ip)) return NO2;
  }
  return YES2;
}
function portMatches(entry, conn) {
  const protocol = entry.protocol ?? "TCP";
  if (protocol !== conn.protocol) return NO2;
  if (entry.port === void 0 || entry.port === null) return YES2;
  const port = typeof entry.port === "string" && /^\d+$/.test(entry.port) ? Number(entry.port) : entry.port;
  if (typeof port === "number") return conn.port >= port && conn.port <= (entry.endPort ?? port) ? YES2 : NO2;
  const dest = conn.to;
  if (dest.kind === "external") return NO2;
  if (!dest.ports)
    return maybe2(`the ports of ${dest.display} are unknown, so the named port "${port}" cannot be resolved`);
  const declared = dest.ports.find((p) => p.name === port);
  return declared && declared.protocol === protocol && declared.containerPort === conn.port ? YES2 : NO2;
}
function ruleOutcome(policy, index, rule, policyNs, other, conn) {
  let peers = YES2;
  let peer;
  if (rule.peers && rule.peers.length > 0) {
    const results = rule.peers.map((p) => ({ p, t: peerMatches(p, policyNs, other) }));
    const hit = results.find((r) => r.t.value === "yes") ?? results.find((r) => r.t.value === "maybe");
    peers = hit ? hit.t : NO2;
    peer = hit?.p;
  }
  const ports = rule.ports && rule.ports.length > 0 ? anyOf2(rule.ports.map((entry) => portMatches(entry, conn))) : YES2;
  return { policy, index, peers, ports, result: allOf([peers, ports]), peer };
}
function anyOf2(tris) {
  return tris.find((t) => t.value === "yes") ?? tris.find((t) => t.value === "maybe") ?? NO2;
}
function allOf(tris) {
  return tris.find((t) => t.value === "no") ?? tris.find((t) => t.value === "maybe") ?? YES2;
}
function peerText(peer, policyNs) {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except ?? [];
    return `ipBlock ${peer.ipBlock.cidr}${except.length > 0 ? ` except ${except.join(", ")}` : ""}`;
  }
  const ns = peer.namespaceSelector;
  const pod = peer.podSelector;
  const nsText = ns && `namespaceSelector ${selectorText(ns)}${isEmptySelector(ns) ? " (every namespace)" : ""}`;
  const podText = pod && `podSelector ${selectorText(pod)}${isEmptySelector(pod) && !ns ? ` (every pod in ${policyNs})` : ""}`;
  return [nsText, podText].filter(Boolean).join(" and ") || "an empty peer";
}
function portsText(ports) {
  return ports.map((p) => {
    const port = p.port === void 0 ? "every port" : `${p.port}${p.endPort !== void 0 ? `-${p.endPort}` : ""}`;
    return `${port}/${p.protocol ?? "TCP"}`;
  }).join(", ");
}

// src/policy/direction.ts
function checkNetworkPolicies(snapshot, direction, conn) {
  const subject = direction === "egress" ? conn.from : conn.to;
  const other = direction === "egress" ? conn.to : conn.from;
  const type = direction === "egress" ? "Egress" : "Ingress";
  const selecting = snapshot.policies.filter(
    (p) => policyNamespace(p) === subject.namespace && matchesSelector(p.spec.podSelector ?? {}, subject.labels) && policyTypes(p).includes(type)
  );
  const base = {
    direction,
    subject: subject.display,
    namespace: subject.namespace,
    selectedBy: selecting.map(policyName)
  };
  if (selecting.length === 0) {
    return {
      ...base,
      isolated: false,
      decision: "allowed",
      reason: `no NetworkPolicy in ${subject.namespace} selects ${subject.selectText} for ${direction}`
    };
  }
  const outcomes = [];
  for (const policy of selecting) {
    const rules = direction === "egress" ? policy.spec.egress ?? [] : policy.spec.ingress ?? [];
    rules.forEach((rule, index) => {
      const peers = direction === "egress" ? rule.to : rule.from;
      outcomes.push(
        ruleOutcome(policy, index, { peers, ports: rule.ports }, policyNamespace(policy), other, conn)
      );
    });
  }
  const allowing = outcomes.find((o) => o.result.value === "yes");
  if (allowing) {
    const allowedBy = ruleText(allowing, direction);
    return { ...base, isolated: true, decision: "allowed", allowedBy, reason: `allowed by ${allowedBy}` };
  }
  const uncertain = outcomes.find((o) => o.result.value === "maybe");
  if (uncertain && uncertain.result.value === "maybe") {
    return {
      ...base,
      isolated: true,
      decision: "unknown",
      reason: `cannot tell whether ${ruleText(uncertain, direction)} allows ${direction} ${preposition(direction)} ${subject.display}: ${uncertain.result.why}`
    };
  }
  const names = selecting.map(
    (p) => policyNamespace(p) === subject.namespace ? p.metadata.name : policyName(p)
  );
  let why;
  if (outcomes.length === 0) why = `no ${direction} rule`;
  else if (outcomes.some((o) => o.peers.value === "yes")) {
    why = `no ${direction} rule allows ${portText(conn.port, conn.protocol)}`;
  } else why = `no ${direction} rule allows ${other.display}`;
  return {
    ...base,
    isolated: true,
    decision: "denied",
    reason: `${direction} ${preposition(direction)} ${subject.display} is isolated by ${names.join(", ")} (${why})`
  };
}
function preposition(direction) {
  return direction === "egress" ? "from" : "to";
}
function ruleText(outcome, direction) {
  const policy = outcome.policy;
  const rules = direction === "egress" ? policy.spec.egress : policy.spec.ingress;
  const rule = rules?.[outcome.index];
  const where = direction === "egress" ? "to" : "from";
  const who = outcome.peer ? `${where} ${peerText(outcome.peer, policyNamespace(policy))}` : `${where} anywhere`;
  const ports = rule?.ports && rule.ports.length > 0 ? `, ${portsText(rule.ports)}` : "";
  return `${policyName(policy)} ${direction} rule #${outcome.index + 1} (${who}${ports})`;
}

// src/policy/tiers.ts
function checkDirection(snapshot, direction, conn) {
  const subject = direction === "egress" ? conn.from : conn.to;
  const policies = (snapshot.adminPolicies ?? []).filter(
    (p) => subjectSelects(p.subject, subject) && p[direction].length > 0
  );
  const np = checkNetworkPolicies(snapshot, direction, conn);
  if (policies.length === 0) return np;
  const inTier = (tier) => policies.filter((p) => p.tier === tier);
  const selectedBy = [...np.selectedBy, ...policies.map(adminPolicyText)];
  const base = { ...np, selectedBy };
  const steps = [];
  const prep = direction === "egress" ? "from" : "to";
  const admin = inTier("Admin");
  if (admin.length > 0) {
    const outcome2 = walkTier(snapshot, admin, direction, conn);
    const final2 = finalOf(base, "Admin", outcome2, `${direction} ${prep} ${subject.display}`);
    if (final2) {
      return final2.decision === "unknown" ? final2 : { ...final2, reason: `${final2.reason}; NetworkPolicy tier not reached` };
    }
    steps.push(
      outcome2.kind === "matched" ? `admin tier: ${outcome2.text}` : `admin tier: ${outcomeText(outcome2)}`
    );
  }
  const lead = (reason) => [...steps, reason].join("; ");
  if (np.isolated) {
    return { ...base, reason: lead(`NetworkPolicy tier: ${np.reason}`) };
  }
  const baseline = inTier("Baseline");
  if (baseline.length === 0) {
    return { ...base, reason: steps.length > 0 ? lead(`NetworkPolicy tier: ${np.reason}`) : np.reason };
  }
  steps.push(`NetworkPolicy tier: ${np.reason}`);
  const outcome = walkTier(snapshot, baseline, direction, conn);
  const final = finalOf(base, "Baseline", outcome, `${direction} ${prep} ${subject.display}`);
  if (final) return { ...final, reason: lead(final.reason) };
  return {
    ...base,
    isolated: false,
    decision: "allowed",
    reason: lead(`baseline tier: ${outcomeText(outcome)}, so it is allowed`)
  };
}
function outcomeText(outcome) {
  if (outcome.kind === "matched") return outcome.text;
  return outcome.kind === "none" ? outcome.text : outcome.why;
}
function finalOf(base, tier, outcome, what) {
  const word = tierWord(tier);
  if (outcome.kind === "unknown") {
    return {
      ...base,
      isolated: true,
      decision: "unknown",
      decidedBy: tier,
      reason: `${word} tier: cannot tell whether it applies to ${what}: ${outcome.why}`
    };
  }
  if (outcome.kind !== "matched" || outcome.action === "Pass") return void 0;
  if (outcome.action === "Accept") {
    return {
      ...base,
      isolated: true,
      decision: "allowed",
      decidedBy: tier,
      allowedBy: `${outcome.text.replace(/ accepts$/, "")} (${word} tier)`,
      reason: `${word} tier: ${outcome.text}`
    };
  }
  return {
    ...base,
    isolated: true,
    decision: "denied",
    decidedBy: tier,
    reason: `${word} tier: ${outcome.text} ${what}`
  };
}
var VERB = { Accept: "accepts", Deny: "denies", Pass: "passes" };
function walkTier(snapshot, policies, direction, conn) {
  const other = direction === "egress" ? conn.to : conn.from;
  const sorted = [...policies].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  const priorities = [...new Set(sorted.map((p) => p.priority))];
  for (const priority of priorities) {
    const group = sorted.filter((p) => p.priority === priority);
    const hits = [];
    for (const policy of group) {
      const rules = policy[direction];
      for (const [index, rule] of rules.entries()) {
        const m = adminRuleMatches(snapshot, rule, other, conn);
        const text = `${adminPolicyText(policy)} ${adminRuleText(rule, index, direction)}`;
        if (m.value === "maybe")
          return { kind: "unknown", why: `cannot tell whether ${text} matches: ${m.why}` };
        if (m.value === "yes") {
          hits.push({ policy, action: rule.action, text: `${text} ${VERB[rule.action]}` });
          break;
        }
      }
    }
    const [first] = hits;
    if (!first) continue;
    const clash = hits.find((h) => h.action !== first.action);
    if (clash) {
      return {
        kind: "unknown",
        why: `${first.text} and ${clash.text}: both have priority ${priority}, and the API leaves the choice between them to the implementation (give them different priorities)`
      };
    }
    return { kind: "matched", action: first.action, text: first.text };
  }
  const names = sorted.map(adminPolicyText).join(", ");
  return { kind: "none", text: `no ${direction} rule of ${names} matches` };
}

// src/policy/evaluate.ts
function evaluate(snapshot, source, destination) {
  const where = whereText(snapshot);
  const from = sourceParty(snapshot, source);
  const protocol = destination.protocol ?? "TCP";
  const found = endpointsOf(snapshot, destination, protocol);
  const dns = needsDns(destination) ? checkDns(snapshot, from) : void 0;
  const namespaces = [
    from.namespace,
    ..."targets" in found ? found.targets.flatMap((t) => t.party.kind === "pod" ? [t.party.namespace] : []) : [],
    ...destination.kind === "service" || destination.kind === "pod" ? [destination.namespace] : []
  ];
  const unmodelled = unmodelledNotes(snapshot, [...new Set(namespaces)]);
  const result = (e) => ({
    ...e,
    destination: found.description,
    where,
    ...dns ? { dns } : {},
    ...unmodelled.length > 0 ? { unmodelled } : {}
  });
  if ("problem" in found) return result({ decision: "unknown", reason: found.problem, endpoints: [] });
  const [first] = found.targets;
  if (first && first.party.kind === "external") {
    const egress = checkDirection(snapshot, "egress", { from, to: first.party, port: first.port, protocol });
    return result({ decision: egress.decision, reason: egress.reason, egress, endpoints: [] });
  }
  const checks = found.targets.map(
    (t) => checkEndpoint(snapshot, { from, to: t.party, port: t.port, protocol })
  );
  const allowed = checks.filter((c) => c.decision === "allowed");
  const denied = checks.filter((c) => c.decision === "denied");
  let decision;
  let chosen;
  let reason;
  if (allowed.length === checks.length) {
    decision = "allowed";
    chosen = checks[0];
    reason = chosen.reason;
  } else if (denied.length === checks.length) {
    decision = "denied";
    chosen = checks[0];
    reason = chosen.reason;
  } else if (allowed.length > 0 && denied.length > 0) {
    decision = "unknown";
    chosen = denied[0];
    reason = `${allowed.length} of ${checks.length} pods behind ${found.description} allow it, so the answer depends on the pod the connection reaches; for ${chosen.pod}: ${chosen.reason}`;
  } else {
    decision = "unknown";
    chosen = checks.find((c) => c.decision === "unknown");
    reason = chosen.reason;
  }
  return result({ decision, reason, egress: chosen.egress, ingress: chosen.ingress, endpoints: checks });
}
function checkEndpoint(snapshot, conn) {
  const egress = checkDirection(snapshot, "egress", conn);
  const ingress = checkDirection(snapshot, "ingress", conn);
  return {
    pod: conn.to.display,
    port: conn.port,
    protocol: conn.protocol,
    ...combine(egress, ingress),
    egress,
    ingress
  };
}
function combine(egress, ingress) {
  for (const d of ["denied", "unknown"]) {
    if (egress.decision === d) return { decision: d, reason: egress.reason };
    if (ingress.decision === d) return { decision: d, reason: ingress.reason };
  }
  let reason;
  if (egress.decidedBy || ingress.decidedBy) reason = `egress: ${egress.reason}; ingress: ${ingress.reason}`;
  else if (egress.isolated && ingress.isolated)
    reason = `allowed by ${egress.allowedBy} and ${ingress.allowedBy}`;
  else if (egress.isolated) reason = egress.reason;
  else if (ingress.isolated) reason = ingress.reason;
  else reason = `${ingress.reason}; ${egress.reason}`;
  return { decision: "allowed", reason };
}
function endpointsOf(snapshot, dest, protocol) {
  const where = whereText(snapshot);
  const at = portText(dest.port, protocol);
  switch (dest.kind) {
    case "service": {
      const svc = snapshot.services.find((s) => s.namespace === dest.namespace && s.name === dest.name);
      const description = `Service ${dest.namespace}/${dest.name} ${at}`;
      if (!svc)
        return { description, problem: `there is no Service ${dest.namespace}/${dest.name} in ${where}` };
      return serviceEndpoints(snapshot, svc, dest.port, protocol, description);
    }
    case "pod": {
      if (dest.name !== void 0) {
        const description2 = `pod ${dest.namespace}/${dest.name} ${at}`;
        const pod = snapshot.pods.find((p) => p.namespace === dest.namespace && p.name === dest.name);
        if (!pod)
          return { description: description2, problem: `there is no pod ${dest.namespace}/${dest.name} in ${where}` };
        return { description: description2, targets: [{ party: podParty(snapshot, pod), port: dest.port }] };
      }
      const labels = dest.labels ?? {};
      const description = `pods ${labelsText(labels) || "(any)"} in ${dest.namespace} ${at}`;
      const pods = snapshot.pods.filter((p) => p.namespace === dest.namespace && hasLabels(p.labels, labels));
      const parties = pods.length > 0 ? pods.map((p) => podParty(snapshot, p)) : [labelledParty(snapshot, dest.namespace, labels)];
      return { description, targets: parties.map((party) => ({ party, port: dest.port })) };
    }
    case "ip": {
      const ip = parseIp(dest.ip);
      const same = (other) => {
        const o = other === void 0 ? void 0 : parseIp(other);
        return Boolean(ip && o && o.family === ip.family && o.value === ip.value);
      };
      const pod = snapshot.pods.find((p) => same(p.ip));
      if (pod) {
        return {
          description: `pod ${pod.namespace}/${pod.name} (${dest.ip}) ${at}`,
          targets: [{ party: podParty(snapshot, pod), port: dest.port }]
        };
      }
      const svc = snapshot.services.find((s) => same(s.clusterIP));
      if (svc) {
        const description = `Service ${svc.namespace}/${svc.name} (${dest.ip}) ${at}`;
        return serviceEndpoints(snapshot, svc, dest.port, protocol, description);
      }
      const display = `${dest.ip} (no pod or Service in ${where} has this IP)`;
      return {
        description: `${dest.ip} ${at}`,
        targets: [{ party: { kind: "external", ip: dest.ip, display }, port: dest.port }]
      };
    }
    case "name":
      return {
        description: `${dest.host} ${at}`,
        targets: [{ party: { kind: "external", host: dest.host, display: dest.host }, port: dest.port }]
      };
  }
}
function serviceEndpoints(snapshot, svc, port, protocol, description) {
  const where = whereText(snapshot);
  const id = `Service ${svc.namespace}/${svc.name}`;
  const servicePort = svc.ports.find((p) => p.port === port && p.protocol === protocol);
  if (!servicePort) {
    const has = svc.ports.map((p) => portText(p.port, p.protocol)).join(", ") || "none";
    return { description, problem: `${id} has no ${portText(port, protocol)} (it has ${has})` };
  }
  if (Object.keys(svc.selector).length === 0) {
    return {
      description,
      problem: `${id} has no selector, so which pods serve it is not described in ${where}`
    };
  }
  const pods = snapshot.pods.filter(
    (p) => p.namespace === svc.namespace && hasLabels(p.labels, svc.selector)
  );
  if (pods.length === 0) {
    return {
      description,
      problem: `${id} selects no pod in ${where} (selector ${labelsText(svc.selector)}), so nothing answers it`
    };
  }
  const targets = [];
  for (const pod of pods) {
    const target = servicePort.targetPort;
    if (typeof target === "number") {
      targets.push({ party: podParty(snapshot, pod), port: target });
      continue;
    }
    if (!pod.ports) {
      return {
        description,
        problem: `the ports of pod ${pod.namespace}/${pod.name} are unknown, so targetPort "${target}" of ${id} cannot be resolved`
      };
    }
    const declared = pod.ports.find((p) => p.name === target && p.protocol === protocol);
    if (declared) targets.push({ party: podParty(snapshot, pod), port: declared.containerPort });
  }
  if (targets.length === 0) {
    return {
      description,
      problem: `no pod behind ${id} declares a ${protocol} port named "${String(servicePort.targetPort)}", so nothing answers it`
    };
  }
  return { description, targets };
}
function hasLabels(labels, wanted) {
  return Object.entries(wanted).every(([k, v]) => labels[k] === v);
}
function needsDns(dest) {
  if (dest.kind === "name") return true;
  if (dest.kind === "service" || dest.kind === "pod") return dest.host !== void 0 && !isIp(dest.host);
  return false;
}
var KUBE_DNS_LABELS = { "k8s-app": "kube-dns" };
var KUBE_DNS_PORTS = [
  { name: "dns", containerPort: 53, protocol: "UDP" },
  { name: "dns-tcp", containerPort: 53, protocol: "TCP" },
  { name: "metrics", containerPort: 9153, protocol: "TCP" }
];
function checkDns(snapshot, from) {
  const listed = snapshot.pods.find(
    (p) => p.namespace === "kube-system" && hasLabels(p.labels, KUBE_DNS_LABELS)
  );
  const dns = listed ? podParty(snapshot, listed) : { ...labelledParty(snapshot, "kube-system", KUBE_DNS_LABELS), ports: KUBE_DNS_PORTS };
  const udp = checkEndpoint(snapshot, { from, to: dns, port: 53, protocol: "UDP" });
  if (udp.decision === "allowed") {
    return {
      decision: "allowed",
      reason: udp.egress.isolated ? `DNS lookups are allowed by ${udp.egress.allowedBy}` : `egress from ${from.display} is not isolated, so DNS lookups reach kube-dns`
    };
  }
  if (udp.decision === "unknown") {
    return { decision: "unknown", reason: `cannot tell whether DNS lookups reach kube-dns: ${udp.reason}` };
  }
  const tcp = checkEndpoint(snapshot, { from, to: dns, port: 53, protocol: "TCP" });
  const also = tcp.decision === "allowed" ? " (TCP port 53 is allowed, but lookups go over UDP)" : "";
  return { decision: "denied", reason: `DNS lookups are blocked${also}: ${udp.reason}` };
}

// src/policy/explain.ts
var WHAT_HAPPENED = {
  allowed: "the connection succeeded",
  blocked: "the connection timed out",
  refused: "the connection was refused",
  "dns-error": "the name did not resolve",
  error: "the probe failed"
};
function explainMismatch(expect, actual, evaluation) {
  const notes = evaluation.unmodelled ?? [];
  const note = notes.length > 0 ? unmodelledSentence(notes) : void 0;
  const suspect = note ? `the model and the probe disagree, and ${note.replace(/: this explanation may be incomplete$/, "")}: they may be what decides this` : cniQuestion(evaluation);
  const { text, suspected } = explainModelled(expect, actual, evaluation, suspect);
  return note && !suspected ? `${text}; ${note}` : text;
}
function cniQuestion(evaluation) {
  const tiers = [evaluation.egress?.decidedBy, evaluation.ingress?.decidedBy];
  if (tiers.some((t) => t !== void 0)) {
    return "does the CNI implement ClusterNetworkPolicy / AdminNetworkPolicy (policy.networking.k8s.io)?";
  }
  return "is the CNI enforcing NetworkPolicy?";
}
function explainModelled(expect, actual, evaluation, suspect) {
  const plain = (text) => ({ text, suspected: false });
  const blamed = (text) => ({ text, suspected: true });
  const where = evaluation.where;
  const dnsBlocked = evaluation.dns?.decision === "denied" ? evaluation.dns.reason : void 0;
  if (evaluation.decision === "unknown") {
    return plain(`the policies in ${where} cannot decide this: ${evaluation.reason}`);
  }
  const reached = actual === "allowed" || actual === "refused";
  if (expect === "deny") {
    if (!reached) {
      if (evaluation.decision === "denied") return plain(evaluation.reason);
      return plain(
        `${WHAT_HAPPENED[actual]}, though the policies in ${where} allow it: ${evaluation.reason}`
      );
    }
    if (evaluation.decision === "allowed") {
      return plain(`deny expected but ${actualWord(actual)}: ${evaluation.reason}`);
    }
    return blamed(
      `the policies in ${where} deny this (${evaluation.reason}), yet ${WHAT_HAPPENED[actual]}: ${suspect}`
    );
  }
  if (actual === "allowed") {
    if (evaluation.decision === "allowed") return plain(evaluation.reason);
    return blamed(
      `the connection succeeded, though the policies in ${where} deny it (${evaluation.reason}): ${suspect}`
    );
  }
  if (evaluation.decision === "denied") {
    return plain(`allow expected but ${actualWord(actual)}: ${evaluation.reason}`);
  }
  if (dnsBlocked) {
    return plain(
      `the policies in ${where} allow the connection, yet ${WHAT_HAPPENED[actual]}: ${dnsBlocked}`
    );
  }
  if (actual === "refused") {
    return plain(
      `the policies in ${where} allow this, yet the connection was refused: is the server listening on that port? (a CNI that rejects instead of dropping needs refused-means-denied)`
    );
  }
  return blamed(
    `the policies in ${where} allow this, yet ${WHAT_HAPPENED[actual]}: ${suspect}` + (suspect.endsWith("?") ? " is DNS egress allowed?" : "; is DNS egress allowed?")
  );
}
function actualWord(actual) {
  switch (actual) {
    case "allowed":
      return "allowed";
    case "blocked":
      return "blocked";
    case "refused":
      return "refused (the destination was reached)";
    case "dns-error":
      return "the name did not resolve";
    case "error":
      return "the probe failed";
  }
}

// src/policy/resolve.ts
var CLUSTER_DOMAIN = ".cluster.local";
function resolveTarget(snapshot, target, fromNamespace) {
  const where = whereText(snapshot);
  const port = target.port;
  const host = target.host.trim().replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (isIp(host)) return { ok: true, destination: { kind: "ip", ip: host, port } };
  const clusterForm = host.endsWith(CLUSTER_DOMAIN) || host.endsWith(".svc") || host.endsWith(".pod");
  const name = host.endsWith(CLUSTER_DOMAIN) ? host.slice(0, -CLUSTER_DOMAIN.length) : host;
  const parts = name.split(".");
  const kind = parts[parts.length - 1];
  const service = (namespace, svc) => snapshot.services.some((s) => s.namespace === namespace && s.name === svc) ? { ok: true, destination: { kind: "service", namespace, name: svc, port, host } } : {
    ok: false,
    reason: `there is no Service ${namespace}/${svc} in ${where} (the target is ${target.host})`
  };
  if (kind === "svc" && parts.length === 3) return service(parts[1], parts[0]);
  if (kind === "svc" && parts.length === 4) {
    const [podName2, svc, namespace] = parts;
    const pod = snapshot.pods.find((p) => p.namespace === namespace && p.name === podName2);
    if (!pod) {
      return {
        ok: false,
        reason: `there is no pod ${namespace}/${podName2} in ${where} (${target.host} names a pod behind Service ${svc})`
      };
    }
    return { ok: true, destination: { kind: "pod", namespace, name: podName2, port, host } };
  }
  if (kind === "pod" && parts.length === 3) {
    const [dashed, namespace] = parts;
    const ip = dashed.split("-").length === 4 ? dashed.replace(/-/g, ".") : dashed.replace(/-/g, ":");
    const wanted = parseIp(ip);
    const pod = snapshot.pods.find((p) => {
      const have = p.ip === void 0 ? void 0 : parseIp(p.ip);
      return p.namespace === namespace && wanted && have && have.family === wanted.family && have.value === wanted.value;
    });
    if (!pod)
      return {
        ok: false,
        reason: `no pod in ${namespace} has the IP ${ip} in ${where} (the target is ${target.host})`
      };
    return { ok: true, destination: { kind: "pod", namespace, name: pod.name, port, host } };
  }
  if (clusterForm) {
    return { ok: false, reason: `${target.host} is not a Service or pod name that cluster DNS answers` };
  }
  if (parts.length === 1) {
    if (snapshot.services.some((s) => s.namespace === fromNamespace && s.name === name)) {
      return service(fromNamespace, name);
    }
    return {
      ok: false,
      reason: `there is no Service ${name} in namespace ${fromNamespace} in ${where} (a bare name is looked up in the source namespace)`
    };
  }
  if (parts.length === 2) {
    const [svc, namespace] = parts;
    const known = snapshot.namespaces.some((n) => n.name === namespace) || snapshot.services.some((s) => s.namespace === namespace);
    if (known) return service(namespace, svc);
  }
  return { ok: true, destination: { kind: "name", host, port } };
}

// src/core/ownership.ts
import { createHash, randomBytes } from "node:crypto";
var MANAGED_BY_KEY = "app.kubernetes.io/managed-by";
var MANAGED_BY = "netpol-canary";
var RUN_KEY = "netpol-canary.io/run";
var LEASE_PREFIX = "lease.netpol-canary.io/";
var CLOSING_KEY = "netpol-canary.io/closing";
function runIdentity(env) {
  const runId = env.GITHUB_RUN_ID;
  if (!runId) return `local-${randomBytes(5).toString("hex")}`;
  const attempt = env.GITHUB_RUN_ATTEMPT || "1";
  const who = [env.GITHUB_JOB, env.GITHUB_ACTION, env.RUNNER_NAME].map((v) => v ?? "").join("/");
  const hash = createHash("sha256").update(who).digest("hex").slice(0, 8);
  return `${sanitize(runId)}-${sanitize(attempt)}-${hash}`.slice(0, 63);
}
function sanitize(value) {
  return value.replace(/[^A-Za-z0-9]/g, "").slice(0, 20) || "x";
}
function ownershipLabels(run) {
  return { [MANAGED_BY_KEY]: MANAGED_BY, [RUN_KEY]: run };
}
function runSelector(run) {
  return `${MANAGED_BY_KEY}=${MANAGED_BY},${RUN_KEY}=${run}`;
}
function leaseKey(run) {
  return `${LEASE_PREFIX}${run}`;
}
function isManaged(ns) {
  return ns.metadata.labels?.[MANAGED_BY_KEY] === MANAGED_BY;
}
function isClosing(ns) {
  return Boolean(ns.metadata.deletionTimestamp) || ns.status?.phase === "Terminating" || Boolean(ns.metadata.annotations?.[CLOSING_KEY]);
}
function otherLiveLeases(ns, run, now) {
  const annotations = ns.metadata.annotations ?? {};
  return Object.entries(annotations).filter(([key, value]) => key.startsWith(LEASE_PREFIX) && key !== leaseKey(run) && !expired(value, now)).map(([key]) => key.slice(LEASE_PREFIX.length));
}
function hasLease(ns, run) {
  return ns.metadata.annotations?.[leaseKey(run)] !== void 0;
}
function expired(until, now) {
  const t = Date.parse(until);
  return Number.isFinite(t) && t <= now.getTime();
}
function whyNotDeletable(ns, prefix, run, now) {
  const name = ns.metadata.name;
  if (!prefix || !name.startsWith(prefix)) return `its name does not start with the prefix "${prefix}"`;
  if (!isManaged(ns))
    return `it has no ${MANAGED_BY_KEY}=${MANAGED_BY} label, so this action did not create it`;
  const others = otherLiveLeases(ns, run, now);
  if (others.length === 1) return `another run still uses it (${others[0]})`;
  if (others.length > 0) return `other runs still use it (${others.join(", ")})`;
  return void 0;
}

// src/probe/verdict.ts
var REFUSED_HINT = "a rejected connection cannot be told from a closed port: if your CNI rejects rather than drops, set input refused-means-denied to true";
function decideVerdict(expect, obs, refusedMeansDenied) {
  const got = effective(obs.actual, refusedMeansDenied);
  if (got === "unknown") {
    const hint = obs.actual === "refused" ? `; ${REFUSED_HINT}` : "";
    return { verdict: "inconclusive", detail: `${obs.detail}${hint}` };
  }
  const wanted = expect === "allow" ? "allowed" : "denied";
  if (got === wanted) return { verdict: "pass", detail: obs.detail };
  const counted = obs.actual === "refused" ? " (a refused connection counts as denied: input refused-means-denied is true)" : "";
  return {
    verdict: "fail",
    detail: `expected ${expect}, but it was ${got}${counted}: ${obs.detail}`
  };
}
function storyOf(detail) {
  return detail.replace(/^expected (allow|deny), but it was (allowed|denied)(: | )?/, "");
}
function effective(actual, refusedMeansDenied) {
  switch (actual) {
    case "allowed":
      return "allowed";
    case "blocked":
      return "denied";
    case "refused":
      return refusedMeansDenied ? "denied" : "unknown";
    default:
      return "unknown";
  }
}
function summarize(results) {
  const counts = { passed: 0, failed: 0, inconclusive: 0, total: results.length };
  for (const r of results) {
    if (r.verdict === "pass") counts.passed++;
    else if (r.verdict === "fail") counts.failed++;
    else counts.inconclusive++;
  }
  return counts;
}

// src/predict/predict.ts
function predictMatrix(snapshot, matrix, options = {}) {
  const world = withCanaryNamespaces(withKubeDns(snapshot), matrix, options);
  return matrix.tests.map((test) => predictTest(world.snapshot, test, world.missing.get(test.from)));
}
function withKubeDns(snapshot) {
  if (snapshot.services.some((s) => s.namespace === "kube-system" && s.name === "kube-dns")) return snapshot;
  const labels = { "k8s-app": "kube-dns" };
  return {
    ...snapshot,
    namespaces: snapshot.namespaces.some((n) => n.name === "kube-system") ? snapshot.namespaces : [...snapshot.namespaces, { name: "kube-system", labels: {} }],
    services: [
      ...snapshot.services,
      {
        namespace: "kube-system",
        name: "kube-dns",
        selector: labels,
        ports: [
          { name: "dns", port: 53, targetPort: 53, protocol: "UDP" },
          { name: "dns-tcp", port: 53, targetPort: 53, protocol: "TCP" },
          { name: "metrics", port: 9153, targetPort: 9153, protocol: "TCP" }
        ]
      }
    ],
    pods: snapshot.pods.some((p) => p.namespace === "kube-system" && p.labels["k8s-app"] === "kube-dns") ? snapshot.pods : [
      ...snapshot.pods,
      {
        namespace: "kube-system",
        name: "coredns",
        labels,
        ports: [
          { name: "dns", containerPort: 53, protocol: "UDP" },
          { name: "dns-tcp", containerPort: 53, protocol: "TCP" },
          { name: "metrics", containerPort: 9153, protocol: "TCP" }
        ]
      }
    ]
  };
}
function withCanaryNamespaces(snapshot, matrix, { namespacePrefix }) {
  const namespaces = [...snapshot.namespaces];
  const missing = /* @__PURE__ */ new Map();
  const where = snapshot.where ?? "the cluster";
  for (const test of matrix.tests) {
    const ns = test.from;
    if (namespaces.some((n) => n.name === ns) || missing.has(ns)) continue;
    if (namespacePrefix !== void 0 && (namespacePrefix === "" || !ns.startsWith(namespacePrefix))) {
      missing.set(
        ns,
        `namespace ${ns} is not in ${where}, and a run creates only namespaces starting with the namespace-prefix "${namespacePrefix}": add its Namespace manifest, or rename it`
      );
      continue;
    }
    const labels = Object.hasOwn(matrix.namespaces, ns) ? matrix.namespaces[ns]?.labels ?? {} : {};
    namespaces.push({ name: ns, labels: { ...labels, [MANAGED_BY_KEY]: MANAGED_BY } });
  }
  return { snapshot: { ...snapshot, namespaces }, missing };
}
function predictTest(snapshot, test, namespaceProblem) {
  const where = snapshot.where ?? "the cluster";
  const base = {
    name: test.name,
    from: test.from,
    labels: test.labels,
    to: test.to,
    expect: test.expect,
    attempts: 0,
    durationMs: 0
  };
  const cannotTell = (why) => {
    const detail2 = `predicted from ${where}: ${why}`;
    const { verdict: verdict2 } = decideVerdict(test.expect, { actual: "error", detail: detail2 }, false);
    return { ...base, actual: "error", verdict: verdict2, detail: detail2, explanation: why };
  };
  if (namespaceProblem) return cannotTell(namespaceProblem);
  const resolved = resolveTarget(snapshot, test.target, test.from);
  if (!resolved.ok) return cannotTell(resolved.reason);
  const evaluation = evaluate(
    snapshot,
    // the run label's value differs per run; no policy should depend on it
    { namespace: test.from, labels: test.labels, hiddenLabels: ownershipLabels("predict") },
    resolved.destination
  );
  const actual = actualOf(evaluation);
  const detail = `predicted from ${where}: ${summary(evaluation, actual)}`;
  const { verdict, detail: verdictDetail } = decideVerdict(test.expect, { actual, detail }, false);
  return {
    ...base,
    actual,
    verdict,
    detail: verdictDetail,
    explanation: explainMismatch(test.expect, actual, evaluation)
  };
}
function actualOf(e) {
  if (e.decision === "denied") return "blocked";
  if (e.decision === "unknown") return "error";
  return e.dns?.decision === "denied" ? "dns-error" : "allowed";
}
function summary(e, actual) {
  switch (actual) {
    case "allowed":
      return e.reason.startsWith("allowed by") ? e.reason : `allowed: ${e.reason}`;
    case "blocked":
      return `denied: ${e.reason}`;
    case "dns-error":
      return `the connection is allowed, but the name would not resolve: ${e.dns?.reason ?? ""}`;
    default:
      return `cannot tell: ${e.reason}`;
  }
}

// src/predict/reachability.ts
var EXTERNAL_ADDRESS = "203.0.113.10";
var EXTERNAL_PORT = 443;
function reachSources(snapshot) {
  const out = [];
  for (const pod of snapshot.pods) {
    if (pod.hostNetwork) continue;
    const key = sourceKey(pod.namespace, pod.labels);
    if (out.some((s) => s.key === key)) continue;
    out.push({ key, namespace: pod.namespace, labels: pod.labels, display: displayOf(pod) });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
function sourceKey(namespace, labels) {
  const sorted = Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(",");
  return `${namespace} {${sorted}}`;
}
function displayOf(pod) {
  return `${pod.namespace}/${pod.name.replace(/-0$/, "")}`;
}
function reachTargets(snapshot, options = {}) {
  const targets = [];
  for (const svc of [...snapshot.services].sort(
    (a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`)
  )) {
    for (const port of svc.ports) {
      const at = port.protocol === "TCP" ? `port ${port.port}` : `${port.protocol} port ${port.port}`;
      const host = `${svc.name}.${svc.namespace}.svc.cluster.local`;
      targets.push({
        key: `service ${svc.namespace}/${svc.name} ${port.port}/${port.protocol}`,
        display: `Service ${svc.namespace}/${svc.name} ${at}`,
        destination: {
          kind: "service",
          namespace: svc.namespace,
          name: svc.name,
          port: port.port,
          protocol: port.protocol
        },
        url: urlOf(port.protocol, host, port.port),
        kind: "service",
        namespace: svc.namespace
      });
    }
  }
  if (options.dns !== false) {
    targets.push({
      key: "dns",
      display: "DNS (kube-dns, UDP port 53)",
      destination: {
        kind: "pod",
        namespace: "kube-system",
        labels: { "k8s-app": "kube-dns" },
        port: 53,
        protocol: "UDP"
      },
      url: "udp://kube-dns.kube-system.svc.cluster.local:53",
      kind: "dns"
    });
  }
  if (options.external !== false) {
    targets.push({
      key: "external",
      display: `an address outside the cluster (${EXTERNAL_ADDRESS} port ${EXTERNAL_PORT})`,
      destination: { kind: "ip", ip: EXTERNAL_ADDRESS, port: EXTERNAL_PORT },
      url: `tcp://${EXTERNAL_ADDRESS}:${EXTERNAL_PORT}`,
      kind: "external"
    });
  }
  return targets;
}
function urlOf(protocol, host, port) {
  if (protocol === "UDP") return `udp://${host}:${port}`;
  if (protocol === "SCTP") return `sctp://${host}:${port}`;
  return `tcp://${host}:${port}`;
}
function reachCell(snapshot, source, target) {
  const evaluation = evaluate(
    snapshot,
    { namespace: source.namespace, labels: source.labels, name: source.display.split("/")[1] },
    target.destination
  );
  return { source, target, decision: evaluation.decision, reason: evaluation.reason, evaluation };
}
function sourceText(source) {
  const labels = labelsText(source.labels);
  return labels ? `${source.display} (${labels})` : source.display;
}

// src/predict/diff.ts
import { isDeepStrictEqual } from "node:util";
function diffReachability(base, head) {
  const policies = policyChanges(base, head);
  const [bs, hs] = [reachSources(base), reachSources(head)];
  const [bt, ht] = [reachTargets(base), reachTargets(head)];
  const sources = hs.filter((s) => bs.some((b) => b.key === s.key));
  const targets = ht.filter((t) => bt.some((b) => b.key === t.key));
  const diff = {
    opens: [],
    closes: [],
    uncertain: [],
    compared: sources.length * targets.length,
    onlyBase: {
      sources: bs.filter((s) => !hs.some((h) => h.key === s.key)).length,
      targets: bt.filter((t) => !ht.some((h) => h.key === t.key)).length
    },
    onlyHead: { sources: hs.length - sources.length, targets: ht.length - targets.length },
    policies,
    notModelled: [
      .../* @__PURE__ */ new Set([
        ...unmodelledNotes(base, allNamespaces(base)),
        ...unmodelledNotes(head, allNamespaces(head))
      ])
    ]
  };
  for (const source of sources) {
    for (const target of targets) {
      const before = reachCell(base, source, target);
      const after = reachCell(head, source, target);
      if (before.decision === after.decision) continue;
      const change = {
        source,
        target,
        before: before.decision,
        after: after.decision,
        was: before.reason,
        now: after.reason,
        policies: policies.filter((p) => selects(before.evaluation, p) || selects(after.evaluation, p))
      };
      if (after.decision === "allowed") diff.opens.push(change);
      else if (before.decision === "allowed") diff.closes.push(change);
      else diff.uncertain.push(change);
    }
  }
  return diff;
}
function selects(e, p) {
  const names = [...e.egress?.selectedBy ?? [], ...e.ingress?.selectedBy ?? []];
  const [kind, id] = splitName(p.name);
  return names.some(
    (n) => kind === "NetworkPolicy" ? n === id : n === `${kind} ${id}` || n.startsWith(`${kind} ${id} (`)
  );
}
function splitName(name) {
  const i = name.indexOf(" ");
  return [name.slice(0, i), name.slice(i + 1)];
}
function allNamespaces(s) {
  return [...new Set((s.unmodelled ?? []).flatMap((p) => p.namespace === void 0 ? [] : [p.namespace]))];
}
function policyChanges(base, head) {
  const index = (s) => new Map([
    ...s.policies.map((p) => [
      `NetworkPolicy ${p.metadata.namespace ?? "default"}/${p.metadata.name}`,
      p.spec
    ]),
    ...(s.adminPolicies ?? []).map((p) => [`${p.kind} ${p.name}`, p]),
    // only whether they are there: the model does not read them
    ...(s.unmodelled ?? []).map((p) => [
      `${kindText(p.kind, p.apiVersion)} ${p.namespace ? `${p.namespace}/` : ""}${p.name} (not modelled)`,
      true
    ])
  ]);
  const [b, h] = [index(base), index(head)];
  const out = [];
  for (const [name, spec] of h) {
    if (!b.has(name)) out.push({ name, change: "added" });
    else if (!isDeepStrictEqual(b.get(name), spec)) out.push({ name, change: "changed" });
  }
  for (const name of b.keys()) if (!h.has(name)) out.push({ name, change: "removed" });
  return out.sort((x, y) => x.name.localeCompare(y.name));
}

// src/predict/diff-report.ts
var FAIL_ON = ["opens", "closes", "changes", "never"];
function diffFails(diff, failOn) {
  switch (failOn) {
    case "opens":
      return diff.opens.length > 0;
    case "closes":
      return diff.closes.length > 0;
    case "changes":
      return diff.opens.length + diff.closes.length + diff.uncertain.length > 0;
    case "never":
      return false;
  }
}
var WORD = { allowed: "allowed", denied: "denied", unknown: "cannot tell" };
function diffHeadline(diff) {
  const n = (count, one, many) => `${count} ${count === 1 ? one : many}`;
  const parts = [
    n(diff.opens.length, "connection opens", "connections open"),
    n(diff.closes.length, "closes", "close")
  ];
  if (diff.uncertain.length > 0) parts.push(`${diff.uncertain.length} cannot be told on one side`);
  return `${parts.join(", ")} (${diff.compared} compared)`;
}
function policiesText(change) {
  return change.policies.map((p) => `${p.name} (${p.change})`).join(", ");
}
function changeLines(label, change) {
  const lines = [
    `${label.padEnd(6)} ${sourceText(change.source)} -> ${change.target.display}`,
    `       now ${WORD[change.after]}: ${change.now}`,
    `       was ${WORD[change.before]}: ${change.was}`
  ];
  if (change.policies.length > 0) lines.push(`       policies: ${policiesText(change)}`);
  return lines;
}
function renderDiffText(diff) {
  const lines = [];
  for (const c of diff.opens) lines.push(...changeLines("opens", c));
  for (const c of diff.closes) lines.push(...changeLines("closes", c));
  for (const c of diff.uncertain) lines.push(...changeLines("?", c));
  if (lines.length === 0) lines.push("no connection changes");
  lines.push("", diffHeadline(diff), ...scopeNotes(diff));
  return lines.join("\n");
}
function scopeNotes(diff) {
  const notes = [];
  if (diff.policies.length > 0) {
    notes.push(`policies changed: ${diff.policies.map((p) => `${p.name} (${p.change})`).join(", ")}`);
  }
  if (diff.notModelled.length > 0) {
    notes.push(`not modelled, so not in this diff: ${diff.notModelled.join(", ")}`);
  }
  const side = (what, s) => s.sources + s.targets > 0 ? `only in ${what}: ${s.sources} workload(s) and ${s.targets} target(s), not compared` : void 0;
  for (const n of [side("the base", diff.onlyBase), side("the head", diff.onlyHead)]) if (n) notes.push(n);
  return notes;
}

// src/matrix/target.ts
import { isIPv4, isIPv6 } from "node:net";

// src/core/show-value.ts
var MAX_SHOWN = 80;
function showValue(value) {
  if (typeof value === "string") {
    const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(cut);
  }
  if (value === null || value === void 0) return "nothing (null)";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return `the ${typeof value === "boolean" ? "boolean" : "number"} ${String(value)}`;
  }
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "binary data";
  if (typeof value === "object") return "a map";
  return `a ${typeof value}`;
}
function quoteHint(value) {
  if (typeof value === "number" || typeof value === "boolean") {
    return `; quote it to make it text, as in "${String(value)}"`;
  }
  if (value === null) return '; write "" for an empty value';
  return "";
}

// src/matrix/target.ts
var MAX_TARGET_LENGTH = 2048;
var DEFAULT_PORT = { http: 80, https: 443 };
var PATH_CHARS = /^[A-Za-z0-9\-._~/?=%:@+,]*$/;
var PATH_ALLOWED = "letters, digits and - . _ ~ / ? = % : @ + ,";
var DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
var FORMS = "http://host[:port][/path], https://host[:port][/path] or tcp://host:port";
function parseTarget(raw) {
  const say = (msg) => fail(`target ${showValue(raw)}: ${msg}`);
  if (raw === "") return fail(`the target is empty: write ${FORMS}`);
  if (raw.length > MAX_TARGET_LENGTH) return say(`is longer than ${MAX_TARGET_LENGTH} characters`);
  const bad = findBadChar(raw);
  if (bad !== void 0) {
    return say(
      `contains ${bad}, which a target may not contain; percent-encode it in a path (a space is %20, & is %26)`
    );
  }
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(raw);
  if (!schemeMatch) {
    return say(`has no scheme: write ${FORMS}`);
  }
  const scheme = schemeMatch[1].toLowerCase();
  if (scheme !== "http" && scheme !== "https" && scheme !== "tcp") {
    return say(`the scheme ${showValue(scheme)} is not supported: write ${FORMS}`);
  }
  const rest = raw.slice(schemeMatch[0].length);
  if (rest.includes("#")) return say("has a fragment (#…); probes never send one, so remove it");
  const authEnd = rest.search(/[/?]/);
  const authority = authEnd === -1 ? rest : rest.slice(0, authEnd);
  let path = authEnd === -1 ? "" : rest.slice(authEnd);
  if (authority.includes("@"))
    return say("has user information (user@host); probes send no credentials, so remove it");
  const hp = splitHostPort(authority);
  if (!hp.ok) return say(hp.errors.join("; "));
  const { host, portText: portText2 } = hp.value;
  const errs = [];
  const hostErr = hostError(host.text, host.bracketed);
  if (hostErr !== void 0) errs.push(hostErr);
  let port;
  if (portText2 === void 0) {
    if (scheme === "tcp") {
      errs.push("a tcp target needs a port: write tcp://host:port");
      port = 0;
    } else {
      port = DEFAULT_PORT[scheme];
    }
  } else if (!/^\d{1,5}$/.test(portText2) || Number(portText2) < 1 || Number(portText2) > 65535) {
    errs.push(`the port ${showValue(portText2)} is not a number from 1 to 65535`);
    port = 0;
  } else {
    port = Number(portText2);
  }
  if (scheme === "tcp") {
    if (path !== "" && path !== "/") errs.push("a tcp target has no path or query: write tcp://host:port");
    path = "";
  } else {
    if (path.startsWith("?")) path = `/${path}`;
    if (path === "") path = "/";
    if (!PATH_CHARS.test(path)) errs.push(`the path may contain only ${PATH_ALLOWED}`);
    else if (/%(?![0-9A-Fa-f]{2})/.test(path))
      errs.push("each % in the path must be followed by two hex digits, as in %20");
  }
  if (errs.length > 0) return fail(...errs.map((e) => `target ${showValue(raw)}: ${e}`));
  return ok({ scheme, raw, host: host.text.toLowerCase(), port, path });
}
function findBadChar(raw) {
  for (const ch of raw) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 32 || code === 127)
      return `a control character (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
    if (code > 126) return `the non-ASCII character ${JSON.stringify(ch)}`;
    if (/\s/.test(ch)) return "a space";
    if (`"'\\\`$;|&<>()*!{}^`.includes(ch)) return `the character ${ch}`;
  }
  return void 0;
}
function splitHostPort(authority) {
  if (authority.startsWith("[")) {
    const close = authority.indexOf("]");
    if (close === -1) return fail('an IPv6 address must be closed with "]", as in http://[fd00::1]:8080/');
    const after = authority.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) return fail('after "]" only ":port" may follow');
    return ok({
      host: { text: authority.slice(1, close), bracketed: true },
      portText: after === "" ? void 0 : after.slice(1)
    });
  }
  if (authority.includes("[") || authority.includes("]")) {
    return fail('"[" and "]" may only surround an IPv6 address, as in http://[fd00::1]/');
  }
  const colons = authority.split(":").length - 1;
  if (colons > 1) return fail("an IPv6 address must be in brackets, as in tcp://[fd00::1]:5432");
  const [host, portText2] = authority.split(":");
  return ok({ host: { text: host ?? "", bracketed: false }, portText: portText2 });
}
function hostError(host, bracketed) {
  if (host === "") return "the host is missing";
  if (bracketed) {
    if (host.includes("%")) return "an IPv6 zone (%…) is not supported";
    return isIPv6(host) ? void 0 : `${showValue(host)} is not an IPv6 address`;
  }
  if (/^[0-9.]+$/.test(host)) {
    if (!isIPv4(host) || host.split(".").some((p) => p.length > 1 && p.startsWith("0"))) {
      return `${showValue(host)} is not an IPv4 address (four numbers from 0 to 255, without leading zeros)`;
    }
    return void 0;
  }
  const name = host.toLowerCase().replace(/\.$/, "");
  if (name.length > 253) return "the host name is longer than 253 characters";
  const labels = name.split(".");
  if (labels.some((l) => l.length > 63 || !DNS_LABEL.test(l))) {
    return `${showValue(host)} is not a valid host name: use letters, digits and "-" in dot-separated parts that start and end with a letter or digit, an IPv4 address, or an IPv6 address in brackets`;
  }
  return void 0;
}
function targetUrl(target) {
  if (target.scheme === "tcp") return `tcp://${targetHostPort(target)}`;
  const host = target.host.includes(":") ? `[${target.host}]` : target.host;
  const port = target.port === DEFAULT_PORT[target.scheme] ? "" : `:${target.port}`;
  return `${target.scheme}://${host}${port}${target.path}`;
}
function targetHostPort(target) {
  const host = target.host.includes(":") ? `[${target.host}]` : target.host;
  return `${host}:${target.port}`;
}

// src/predict/generate.ts
var DEFAULT_OUTSIDER = "canary-test-outsider";
var DEFAULT_EXTERNAL = "https://example.com/";
var DNS_URL = "tcp://kube-dns.kube-system.svc.cluster.local:53";
function generateMatrix(snapshot, options = {}) {
  const world = withKubeDns(snapshot);
  const inScope = (ns) => options.namespaces ? options.namespaces.includes(ns) : !ns.startsWith("kube-");
  const warnings = [];
  const leftOut = [];
  const keys = policyLabelKeys(world);
  const sources = [];
  for (const s of reachSources(snapshot).filter((x) => inScope(x.namespace))) {
    const labels = canaryLabels(world, s.namespace, s.labels, keys, warnings, s.display);
    if (sources.some((x) => x.namespace === s.namespace && labelsText(x.labels) === labelsText(labels)))
      continue;
    sources.push({ namespace: s.namespace, labels, display: s.display });
  }
  const outsider = options.outsider === void 0 ? DEFAULT_OUTSIDER : options.outsider;
  if (outsider)
    sources.push({ namespace: outsider, labels: {}, display: `${outsider} (a pod without labels)` });
  const services = [...snapshot.services].filter((svc) => inScope(svc.namespace)).sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  const external = options.external ?? DEFAULT_EXTERNAL;
  const candidates = [];
  for (const source of sources) {
    const c = (target, to) => ({
      name: `${source.display} -> ${target}`,
      from: source.namespace,
      labels: source.labels,
      to
    });
    candidates.push(
      c("DNS (kube-dns, TCP port 53)", DNS_URL),
      c(`${external} (outside the cluster)`, external)
    );
    for (const svc of services) {
      const tcp = svc.ports.filter((p) => p.protocol === "TCP");
      for (const p of svc.ports.filter((x) => x.protocol !== "TCP")) {
        leftOut.push({
          name: `${source.display} -> Service ${svc.namespace}/${svc.name} ${p.protocol} port ${p.port}`,
          why: `probes connect over TCP only`
        });
      }
      for (const p of tcp.slice(0, options.perPair ?? tcp.length)) {
        candidates.push(
          c(
            `Service ${svc.namespace}/${svc.name} port ${p.port}`,
            `tcp://${svc.name}.${svc.namespace}.svc.cluster.local:${p.port}`
          )
        );
      }
    }
  }
  const first = predictOnce(snapshot, candidates, options);
  for (const c of candidates) {
    const target = parseTarget(c.to);
    if (!target.ok) leftOut.push({ name: c.name, why: target.errors.join("; ") });
  }
  const decided = [];
  first.results.forEach((r, i) => {
    const test = first.tests[i];
    if (r.actual === "allowed" || r.actual === "blocked") {
      decided.push({ ...test, expect: r.actual === "allowed" ? "allow" : "deny" });
    } else leftOut.push({ name: test.name, why: r.explanation ?? r.detail });
  });
  const max = options.maxTests ?? decided.length;
  const kept = decided.slice(0, max).map((t, index) => ({ ...t, index }));
  const matrix = { namespaces: {}, tests: kept };
  const final = predictMatrix(snapshot, matrix, {
    namespacePrefix: options.namespacePrefix ?? "canary-test-"
  });
  const tests = kept.map((test, i) => ({ test, because: final[i]?.explanation ?? "" }));
  const generated = { matrix, tests, leftOut, dropped: decided.length - kept.length, warnings };
  return { ...generated, text: renderMatrix(generated, snapshot.where ?? "the manifests") };
}
function predictOnce(snapshot, candidates, options) {
  const tests = candidates.flatMap((c, index) => {
    const target = parseTarget(c.to);
    return target.ok ? [{ index, ...c, target: target.value, expect: "allow" }] : [];
  });
  const results = predictMatrix(
    snapshot,
    { namespaces: {}, tests },
    { namespacePrefix: options.namespacePrefix ?? "canary-test-" }
  );
  return { tests, results };
}
function policyLabelKeys(snapshot) {
  const keys = /* @__PURE__ */ new Set();
  const add = (s) => {
    for (const k of Object.keys(s?.matchLabels ?? {})) keys.add(k);
    for (const e of s?.matchExpressions ?? []) keys.add(e.key);
  };
  for (const p of snapshot.policies) {
    add(p.spec.podSelector);
    for (const r of p.spec.ingress ?? []) for (const peer of r.from ?? []) add(peer.podSelector);
    for (const r of p.spec.egress ?? []) for (const peer of r.to ?? []) add(peer.podSelector);
  }
  for (const p of snapshot.adminPolicies ?? []) {
    add(p.subject.pods?.podSelector);
    for (const r of [...p.ingress, ...p.egress]) for (const peer of r.peers) add(peer.pods?.podSelector);
  }
  return keys;
}
function canaryLabels(snapshot, namespace, labels, policyKeys, warnings, display) {
  const out = { ...labels };
  const selecting = (l) => snapshot.services.filter(
    (s) => s.namespace === namespace && Object.keys(s.selector).length > 0 && Object.entries(s.selector).every(([k, v]) => l[k] === v)
  ).map((s) => s.name);
  for (const name of selecting(out)) {
    const svc = snapshot.services.find((s) => s.namespace === namespace && s.name === name);
    for (const k of Object.keys(svc?.selector ?? {})) if (!policyKeys.has(k)) delete out[k];
  }
  const still = selecting(out);
  if (still.length > 0) {
    warnings.push(
      `the canary for ${display} carries the labels Service ${still.map((s) => `${namespace}/${s}`).join(", ")} selects, because policies read them: probes to that Service may land on the canary`
    );
  }
  return out;
}
function renderMatrix(g, where) {
  const q = (s) => JSON.stringify(s);
  const labels = (l) => `{ ${Object.entries(l).map(([k, v]) => `${q(k)}: ${q(v)}`).join(", ")} }`.replace("{  }", "{}");
  const comment = (text, indent) => text.split("\n").map((line) => `${indent}# ${line}`);
  const lines = [
    `# Generated by netpol-canary generate from ${where}: ${g.tests.length} tests, each expectation`,
    "# predicted by the policy model, each comment the policy that decides it. Review it, commit it,",
    "# and verify it on a cluster with `netpol-canary run`."
  ];
  if (g.dropped > 0) lines.push(`# ${g.dropped} more tests were left out by --max-tests.`);
  for (const w of g.warnings) lines.push(...comment(`warning: ${w}`, ""));
  if (g.leftOut.length > 0) {
    lines.push("# Not generated:");
    for (const l of g.leftOut) lines.push(...comment(`  ${l.name}: ${l.why}`, ""));
  }
  lines.push("tests:");
  for (const { test, because } of g.tests) {
    lines.push(
      ...comment(because, "  "),
      `  - name: ${q(test.name)}`,
      `    from: ${q(test.from)}`,
      `    labels: ${labels(test.labels)}`,
      `    to: ${q(test.to)}`,
      `    expect: ${test.expect}`
    );
  }
  return `${lines.join("\n")}
`;
}

// src/cli/diff-command.ts
var DIFF_HELP = renderHelp({
  usage: "netpol-canary diff --base DIR --head DIR [options]",
  about: [
    "Predicts the reachability of both manifest trees (every workload to every Service port, to",
    "kube-dns and to one address outside the cluster) and lists the connections that open and",
    "close, with the reasons on each side and the changed policies responsible. No cluster.",
    "Exit code: 0 nothing that --fail-on names changed; 1 it did; 2 the options or the manifests",
    "are not valid."
  ],
  options: [
    ["--base DIR", "the manifests before the change (a folder, read recursively, or a file)"],
    ["--head DIR", "the manifests after it"],
    ["--fail-on WHAT", "opens, closes, changes (default: either, or a change to cannot tell)\nor never"],
    ["--json", "print the diff as JSON on stdout"],
    HELP_OPTION
  ]
});
var DIFF_SPEC = { flags: ["base", "head", "fail-on"], switches: ["json", "help"] };
async function diffCommand(argv, io = stdio) {
  const start = startCommand(argv, io, { name: "diff", spec: DIFF_SPEC, help: DIFF_HELP });
  if ("exit" in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  if (positionals.length > 0) {
    const why = `unexpected argument ${JSON.stringify(positionals[0])}; give the trees as --base DIR --head DIR`;
    return usageError(io, "diff", why, DIFF_HELP);
  }
  const missing = ["base", "head"].filter((f) => !flags[f]);
  if (missing.length > 0) {
    const needs = missing.map((f) => `--${f} DIR`).join(" and ");
    return usageError(io, "diff", `${needs} ${missing.length > 1 ? "are" : "is"} required`, DIFF_HELP);
  }
  const failOn = flags["fail-on"] ?? "changes";
  if (!FAIL_ON.includes(failOn)) {
    const why = `--fail-on must be one of ${FAIL_ON.join(", ")}, got ${JSON.stringify(flags["fail-on"])}`;
    return usageError(io, "diff", why, DIFF_HELP);
  }
  const [base, head] = await Promise.all([loadManifests(flags.base ?? ""), loadManifests(flags.head ?? "")]);
  const errors = [...base.errors.map((e) => `--base: ${e}`), ...head.errors.map((e) => `--head: ${e}`)];
  if (errors.length > 0) {
    io.err("netpol-canary diff: nothing was compared, because:");
    for (const e of errors) io.err(`  - ${e}`);
    return 2;
  }
  for (const w of base.warnings) io.err(`warning: --base: ${w}`);
  for (const w of head.warnings) io.err(`warning: --head: ${w}`);
  const diff = diffReachability(base.snapshot, head.snapshot);
  io.out(switches.has("json") ? JSON.stringify(diff, null, 2) : renderDiffText(diff));
  return diffFails(diff, failOn) ? 1 : 0;
}

// src/cli/generate-command.ts
import { writeFileSync } from "node:fs";

// src/cluster/json-stream.ts
function createJsonSplitter(onValue) {
  let buffer = "";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let scanned = 0;
  return (chunk) => {
    buffer += chunk;
    for (let i = scanned; i < buffer.length; i++) {
      const c = buffer[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === "{" || c === "[") {
        if (depth === 0) start = i;
        depth++;
      } else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0 && start >= 0) {
          const text = buffer.slice(start, i + 1);
          buffer = buffer.slice(i + 1);
          i = -1;
          start = -1;
          try {
            onValue(JSON.parse(text));
          } catch {
          }
        }
      }
    }
    scanned = buffer.length;
    if (depth === 0) {
      buffer = "";
      scanned = 0;
    }
  };
}

// src/probe/canary-verdicts.ts
var NETWORK_UNPROVEN = "no probe from this canary connected or resolved a name: its network may not be up";
function isIpLiteral(host) {
  return /^[0-9.]+$/.test(host) || host.includes(":");
}
function resolvesByDns(host) {
  const name = host.replace(/^\[|\]$/g, "");
  return !isIpLiteral(name) && !/^localhost\.?$|\.localhost\.?$/i.test(name);
}
function escapeRe(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function showsNetwork(host, run, observation) {
  if (observation.actual === "allowed") return true;
  if (!resolvesByDns(host)) return false;
  const h = escapeRe(host);
  const nc = new RegExp(`(?:^|\\s)${h} \\([0-9a-fA-F.:\\[\\]]+:\\d+\\)`);
  const wget = new RegExp(`Connecting to ${h}(?::\\d+)? \\([0-9a-fA-F.:\\[\\]]+:\\d+\\)`);
  return nc.test(run?.nc?.output ?? "") || wget.test(run?.wget?.output ?? "");
}
function seconds(ms) {
  return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}
function decideTry(test, t, provenAt, refusedMeansDenied) {
  if (t.observation.actual === "blocked" && (provenAt === void 0 || provenAt > t.attempt)) {
    return { verdict: "inconclusive", detail: `${NETWORK_UNPROVEN} (${t.observation.detail})` };
  }
  return decideVerdict(test.expect, t.observation, refusedMeansDenied);
}
function decideTest(test, tries, provenAt, settings) {
  const last = tries[tries.length - 1];
  if (!last) return { verdict: "inconclusive", detail: "not probed" };
  const final = decideTry(test, last, provenAt, settings.refusedMeansDenied);
  if (final.verdict !== "pass") return final;
  const opposite = test.expect === "deny" ? "allowed" : "blocked";
  let lastOpposite = -1;
  tries.forEach((t, i) => {
    if (t.observation.actual === opposite) lastOpposite = i;
  });
  const held = tries[lastOpposite + 1];
  const before = tries[lastOpposite];
  if (lastOpposite < 0 || !held || !before) return final;
  const enforcedAfterMs = Math.max(0, Math.round(held.atMs));
  const warning = test.expect === "deny" ? `reachable for up to the first ${seconds(enforcedAfterMs)} after the canary started (it connected ${seconds(before.atMs)} after the start, and was blocked from ${seconds(held.atMs)} on): the policy was not enforced at once` : `blocked for up to the first ${seconds(enforcedAfterMs)} after the canary started (blocked ${seconds(before.atMs)} after the start, and allowed from ${seconds(held.atMs)} on)`;
  const max = settings.maxEnforcementDelayMs;
  if (max !== void 0 && enforcedAfterMs > max) {
    return {
      verdict: "fail",
      detail: `${warning}, which is longer than max-enforcement-delay (${seconds(max)}): ${final.detail}`,
      enforcedAfterMs,
      warning
    };
  }
  return { verdict: "pass", detail: `${final.detail}; ${warning}`, enforcedAfterMs, warning };
}

// src/probe/probe-script.ts
var PROBE_MARKER = "@@ncp";
var PROBE_OUTPUT_LIMIT = 400;
var KILL_MARGIN_S = 2;
function probeSeconds(timeoutMs) {
  return Math.max(1, Math.ceil(timeoutMs / 1e3));
}
function killSeconds(timeoutMs) {
  return probeSeconds(timeoutMs) + KILL_MARGIN_S;
}
function shellQuote(word) {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
function probeCommands(target, timeoutMs) {
  const sec = String(probeSeconds(timeoutMs));
  const nc = {
    tool: "nc",
    argv: ["nc", "-z", "-v", "-v", "-w", sec, target.host, String(target.port)]
  };
  if (target.scheme === "tcp") return [nc];
  return [nc, { tool: "wget", argv: ["wget", "--spider", "-T", sec, targetUrl(target)] }];
}
var QMARKS = "?".repeat(PROBE_OUTPUT_LIMIT);
var RC = "@@rc";
function prelude(timeoutMs) {
  return `ncp_ss=
if command -v setsid >/dev/null 2>&1; then ncp_ss=setsid; fi
ncp_run() {
  $ncp_ss timeout -s KILL ${killSeconds(timeoutMs)} "$@" </dev/null 2>&1 &
  ncp_pid=$!
  wait "$ncp_pid"
  ncp_rc=$?
  if [ -n "$ncp_ss" ]; then kill -9 "-$ncp_pid" 2>/dev/null; fi
  printf '\\n${RC} %s\\n' "$ncp_rc"
}
ncp_fold() {
  ncp_out=
  ncp_rc=255
  while IFS= read -r ncp_line; do
    case $ncp_line in
    '${RC} '*) ncp_rc=\${ncp_line#'${RC} '}; break ;;
    '') ;;
    *) ncp_out="$ncp_out $ncp_line" ;;
    esac
  done
  ncp_out=\${ncp_out# }
  ncp_rest=\${ncp_out#${QMARKS}}
  if [ "$ncp_rest" != "$ncp_out" ]; then ncp_out=\${ncp_out%"$ncp_rest"}; fi
  printf '%s %s' "$ncp_rc" "$ncp_out"
}
ncp_probe() {
  ncp_id=$1
  ncp_tool=$2
  shift 2
  ncp_res=$(ncp_run "$@" 2>/dev/null | ncp_fold)
  printf '${PROBE_MARKER} %s %s %s\\n' "$ncp_id" "$ncp_tool" "$ncp_res"
}
`;
}
var CONTROL_HOST = "kubernetes.default.svc";
var CONTROL_PORT = 443;
var CONTROL_TOOL = "ctl";
function probeLines(id, target, timeoutMs) {
  if (!Number.isSafeInteger(id) || id < 0)
    throw new Error(`probe id must be a non-negative integer, got ${String(id)}`);
  return probeCommands(target, timeoutMs).map(
    ({ tool, argv }) => `ncp_probe ${id} ${tool} ${argv.map(shellQuote).join(" ")} &`
  );
}
function controlLine(timeoutMs) {
  const argv = [
    "nc",
    "-z",
    "-v",
    "-v",
    "-w",
    String(probeSeconds(timeoutMs)),
    CONTROL_HOST,
    String(CONTROL_PORT)
  ];
  return `ncp_probe 0 ${CONTROL_TOOL} ${argv.map(shellQuote).join(" ")} &`;
}
function printable(text) {
  return text.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
}
function parseControlLine(stdout) {
  const re = new RegExp(`^${PROBE_MARKER} 0 ${CONTROL_TOOL} (\\d{1,3})(?: (.*))?$`);
  for (const rawLine of stdout.split("\n")) {
    const m = re.exec(rawLine.replace(/\r$/, ""));
    if (m) return { exitCode: Number(m[1]), output: printable(m[2] ?? "") };
  }
  return void 0;
}
function parseProbeLines(stdout) {
  const results = /* @__PURE__ */ new Map();
  const re = new RegExp(`^${PROBE_MARKER} (\\d{1,15}) (nc|wget) (\\d{1,3})(?: (.*))?$`);
  for (const rawLine of stdout.split("\n")) {
    const m = re.exec(rawLine.replace(/\r$/, ""));
    if (!m) continue;
    const id = Number(m[1]);
    const tool = m[2];
    const run = results.get(id) ?? {};
    if (run[tool]) continue;
    run[tool] = { exitCode: Number(m[3]), output: printable(m[4] ?? "") };
    results.set(id, run);
  }
  return results;
}

// src/probe/classify.ts
var MAX_QUOTE = 200;
function quote(output, at) {
  const starts = [...output.matchAll(/(?:^|\s)(?=(?:wget|nc|ssl_client): )/g)].filter(
    (m) => (m.index ?? 0) + m[0].length <= at
  );
  const last = starts[starts.length - 1];
  const from = last ? (last.index ?? 0) + last[0].length : 0;
  let text = output.slice(from).trim();
  text = text.replace(/\s*sent \d+, rcvd \d+$/, "");
  return `"${text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text}"`;
}
function find(output, re) {
  const m = re.exec(output);
  return m ? m.index : -1;
}
function wasKilled(r) {
  return r.exitCode === 137 || r.exitCode === 124;
}
var TOOLS = "sh, nc, wget and timeout";
function cannotRun(tool, r) {
  const text = r.output;
  const seen = text === "" ? "printed nothing" : `printed ${quote(text, 0)}`;
  const missing = /(?:^|[\s:])([A-Za-z0-9_.-]+): (?:applet )?not found/.exec(text);
  if (r.exitCode === 127 || missing) {
    return {
      actual: "error",
      detail: `the canary image has no ${missing?.[1] ?? tool} (exit ${r.exitCode}, ${seen}); use an image that provides ${TOOLS} as busybox does (input "image")`
    };
  }
  const i = find(
    text,
    /invalid option|unrecognized option|unknown option|Usage: (wget|nc|timeout)\b|multi-call binary/i
  );
  if (i >= 0) {
    const who = /(?:^|\s)(nc|wget|timeout): (?:invalid|unrecognized|unknown) option/.exec(text)?.[1] ?? tool;
    return {
      actual: "error",
      detail: `the canary image's ${who} does not accept the probe's options (${quote(text, i)}); use busybox:1.36, or an image whose ${TOOLS} support them (input "image")`
    };
  }
  if (r.exitCode >= 128 && !wasKilled(r)) {
    return {
      actual: "error",
      detail: `${tool} was killed by signal ${r.exitCode - 128} (exit ${r.exitCode}, ${seen}), so the probe tells nothing`
    };
  }
  return void 0;
}
var NC_OPEN = /\) open\b/;
var WGET_CONNECTED = /remote file exists|server returned error: HTTP|TLS certificate validation not implemented|error getting response|TLS error from peer|got bad TLS record|no response from server/;
var CONNECTING = /Connecting to (\S+) \(/g;
function hops(text) {
  return [...text.matchAll(CONNECTING)].map((m) => m[1] ?? "");
}
function wgetProof(w) {
  if (!w) return -1;
  const i = find(w.output, WGET_CONNECTED);
  if (i >= 0) return i;
  return hops(w.output).length > 1 ? 0 : -1;
}
function httpStory(w, timeoutMs) {
  if (!w) return "";
  const text = w.output;
  const via = hops(text);
  const redirected = via.length > 1 ? `the server redirected to ${via[via.length - 1]}, and ` : "";
  const http = /server returned error: HTTP\/[\d.]+ (\d{3})/.exec(text);
  if (w.exitCode === 0) {
    const exists = /remote file exists/.test(text) ? ' ("remote file exists")' : "";
    return `; ${redirected}${redirected ? "that" : "the server"} answered${exists}`;
  }
  if (http)
    return `; ${redirected}${redirected ? "that" : "the server"} answered with HTTP ${http[1]} (${quote(text, http.index)})`;
  let i = find(text, /TLS error from peer|got bad TLS record/);
  if (i >= 0) return `; ${redirected}the TLS handshake failed (${quote(text, i)})`;
  i = find(text, /error getting response|no response from server/);
  if (i >= 0) return `; ${redirected}the server closed the connection without an answer (${quote(text, i)})`;
  i = find(text, /download timed out/);
  if (i >= 0) {
    const tls = /TLS certificate validation not implemented/.test(text) ? " TLS and" : "";
    return `; ${redirected}the${tls} HTTP answer did not come within ${probeSeconds(timeoutMs)} s (${quote(text, i)})`;
  }
  if (wasKilled(w))
    return `; ${redirected}wget gave no answer before it was stopped at ${killSeconds(timeoutMs)} s`;
  i = find(text, /wget: /);
  if (via.length > 1 && i >= 0) return `; ${redirected}wget could not get there (${quote(text, i)})`;
  return text === "" ? "" : `; wget printed ${quote(text, Math.max(0, i))}`;
}
var REDIRECT_NOTE = " (a redirect does not decide: the first connection does)";
function isIpLiteral2(host) {
  return /^[0-9.]+$/.test(host) || host.includes(":");
}
function classify(target, run, timeoutMs) {
  const nc = run.nc;
  const wget = target.scheme === "tcp" ? void 0 : run.wget;
  for (const [tool, r] of [
    ["nc", nc],
    ["wget", wget]
  ]) {
    const broken = r && cannotRun(tool, r);
    if (broken) return broken;
  }
  if (target.scheme !== "tcp" && !wget) {
    return { actual: "error", detail: "the probe script printed no result for the HTTP probe (wget)" };
  }
  const sec = probeSeconds(timeoutMs);
  const text = nc?.output ?? "";
  const proof = wgetProof(wget);
  const open = find(text, NC_OPEN);
  if (open >= 0 || proof >= 0) {
    const how = open >= 0 ? `a TCP connection was made (${quote(text, open)})` : `wget connected (${quote(wget?.output ?? "", proof)}), though nc said ${text === "" ? "nothing" : quote(text, 0)}`;
    const story = httpStory(wget, timeoutMs);
    const note = wget && hops(wget.output).length > 1 ? REDIRECT_NOTE : "";
    return { actual: "allowed", detail: `${how}${story}${note}` };
  }
  if (!nc) {
    return { actual: "error", detail: "the probe script printed no result for the TCP connect probe (nc)" };
  }
  let i = find(text, /Connection refused/);
  if (i >= 0) {
    return {
      actual: "refused",
      detail: `the connection was refused (${quote(text, i)}): nothing listens there, or a policy rejects instead of dropping`
    };
  }
  i = find(text, /No route to host|Network is unreachable|Host is unreachable/);
  if (i >= 0) {
    return {
      actual: "refused",
      detail: `the connection was rejected with an ICMP error (${quote(text, i)}): a policy that rejects (ICMP admin- or host-prohibited, net-unreachable), or no route to the target`
    };
  }
  i = find(text, /Connection timed out/);
  if (i >= 0) {
    return {
      actual: "blocked",
      detail: `the TCP connection attempt got no answer within ${sec} s (${quote(text, i)}): the packets were dropped`
    };
  }
  i = find(text, /bad address/);
  if (i >= 0) {
    return {
      actual: "dns-error",
      detail: `the host name did not resolve (${quote(text, i)}): check the name, and that the canary may reach DNS`
    };
  }
  if (wasKilled(nc)) {
    const resolved = wget && hops(wget.output).length > 0;
    if (text === "" && !resolved && !isIpLiteral2(target.host)) {
      return {
        actual: "dns-error",
        detail: `the name did not resolve within ${sec} s: is DNS egress allowed? (the probe printed nothing and was stopped at ${killSeconds(timeoutMs)} s)`
      };
    }
    return {
      actual: "error",
      detail: `nc was stopped at ${killSeconds(timeoutMs)} s before it could tell whether a connection was made (${text === "" ? "it printed nothing" : `it printed ${quote(text, 0)}`}), so the probe tells nothing`
    };
  }
  return {
    actual: "error",
    detail: `nc exited with ${nc.exitCode} and ${text === "" ? "printed nothing" : `printed ${quote(text, 0)}`}, which netpol-canary cannot read as allowed or denied`
  };
}

// src/probe/canary-script.ts
var ATTEMPT_MARKER = "@@nca";
var DONE_MARKER = "@@ncd";
var IN_LOG_MARKER = "@@ncl";
var MESSAGE_LIMIT = 3900;
var MAX_SCRIPT_BYTES = 120 * 1024;
var BACKOFF_S = [1, 2, 4, 8];
function attemptsOf(settings) {
  return Math.max(1, Math.floor(settings.attempts));
}
function scriptMaxMs(settings) {
  const attempts = attemptsOf(settings);
  let ms = attempts * killSeconds(settings.timeoutMs) * 1e3;
  for (let a = 1; a < attempts; a++) ms += (BACKOFF_S[Math.min(a, BACKOFF_S.length) - 1] ?? 8) * 1e3;
  return ms;
}
function caseLine({ id, target }, timeoutMs) {
  return `    ${id}) ${probeLines(id, target, timeoutMs).join(" ")} ;;`;
}
function buildCanaryScript(probes, opts) {
  const path = opts.messagePath ?? "/dev/termination-log";
  const cases = probes.map((p) => caseLine(p, opts.timeoutMs));
  const denies = probes.filter((p) => p.expect === "deny").map((p) => p.id);
  const named = probes.filter((p) => resolvesByDns(p.target.host)).map((p) => p.id);
  const backoff = BACKOFF_S.map(
    (s, i) => i + 1 < BACKOFF_S.length ? `${i + 1}) sleep ${s} ;;` : `*) sleep ${s} ;;`
  );
  const script = `${prelude(opts.timeoutMs)}ncp_cs() {
  read -r ncp_up ncp_idle </proc/uptime
  ncp_f=\${ncp_up#*.}
  ncp_f=\${ncp_f#0}
  echo $(( \${ncp_up%.*} * 100 + \${ncp_f:-0} ))
}
ncp_t0=$(ncp_cs)
ncp_ms() { echo $(( ($(ncp_cs) - ncp_t0) * 10 )); }
ncp_start() {
  for ncp_i in $ncp_todo; do
    case $ncp_i in
${cases.join("\n")}
    esac
  done
  if [ -z "$ncp_proven" ] && [ -n "$ncp_ctl" ]; then ${controlLine(opts.timeoutMs)} fi
  wait
}
ncp_deny=' ${denies.join(" ")} '
ncp_named=' ${named.join(" ")} '
ncp_ctl=${named.length === 0 ? "1" : ""}
ncp_todo='${probes.map((p) => p.id).join(" ")}'
ncp_proven=
ncp_all=
ncp_a=1
while :; do
  ncp_block="${ATTEMPT_MARKER} $ncp_a $(ncp_ms)
$(ncp_start)"
  printf '%s\\n' "$ncp_block"
  ncp_all="$ncp_all$ncp_block
"
  case "$ncp_block" in
  *') open'* | *'${PROBE_MARKER} 0 ctl '*' ${CONTROL_HOST} ('*) ncp_proven=1 ;;
  esac
  # nc says NAME (ADDRESS:PORT) once it resolved NAME
  while read -r ncp_m ncp_id ncp_tool ncp_rc ncp_rest; do
    [ "$ncp_m" = '${PROBE_MARKER}' ] && [ "$ncp_tool" = nc ] || continue
    case $ncp_named in *" $ncp_id "*) case $ncp_rest in *' ('*':'*')'*) ncp_proven=1 ;; esac ;; esac
  done <<ncp_eof
$ncp_block
ncp_eof
  ncp_ctl=1
  ncp_next=
  while read -r ncp_m ncp_id ncp_tool ncp_rc ncp_rest; do
    [ "$ncp_m" = '${PROBE_MARKER}' ] && [ "$ncp_tool" = nc ] || continue
    case $ncp_deny in
    *" $ncp_id "*)
      # a deny holds on a drop seen once the network is proven (or a rejection, when it counts)
      case "$ncp_proven $ncp_rc $ncp_rest" in
      '1 '[1-9]*'timed out'*${opts.refusedMeansDenied ? " | '1 '[1-9]*refused* | '1 '[1-9]*'No route'* | '1 '[1-9]*unreachable*" : ""}) ;;
      *) ncp_next="$ncp_next $ncp_id" ;;
      esac
      ;;
    *) if [ "$ncp_rc" != 0 ]; then ncp_next="$ncp_next $ncp_id"; fi ;;
    esac
  done <<ncp_eof
$ncp_block
ncp_eof
  ncp_todo=$ncp_next
  [ -n "$ncp_todo" ] && [ "$ncp_a" -lt ${attemptsOf(opts)} ] || break
  case $ncp_a in ${backoff.join(" ")} esac
  ncp_a=$((ncp_a + 1))
done
ncp_done="${DONE_MARKER} $(ncp_ms)"
printf '%s\\n' "$ncp_done"
ncp_all="$ncp_all$ncp_done"
if [ \${#ncp_all} -le ${MESSAGE_LIMIT} ]; then
  printf '%s\\n' "$ncp_all" >${shellQuote(path)}
else
  printf '${IN_LOG_MARKER} %s\\n' "\${#ncp_all}" >${shellQuote(path)}
fi
`;
  const bytes = Buffer.byteLength(script, "utf8");
  if (bytes > MAX_SCRIPT_BYTES)
    throw new Error(
      `the probe script of ${probes.length} targets is ${bytes} bytes, more than one argument may hold (${MAX_SCRIPT_BYTES}): split the canary (splitForScript)`
    );
  return script;
}
function canaryProbes(tests) {
  return tests.map((t) => ({ id: t.index, target: t.target, expect: t.expect }));
}
function splitForScript(groups, settings) {
  const base = Buffer.byteLength(buildCanaryScript([], settings), "utf8");
  const room = MAX_SCRIPT_BYTES - base;
  return groups.flatMap((group) => {
    const parts = [[]];
    let used = 0;
    for (const test of group.tests) {
      const alone = buildCanaryScript(canaryProbes([test]), settings);
      const cost = Buffer.byteLength(alone, "utf8") - base + 8;
      const current = parts[parts.length - 1] ?? [];
      if (current.length > 0 && used + cost > room) {
        parts.push([test]);
        used = cost;
      } else {
        current.push(test);
        used += cost;
      }
    }
    if (parts.length === 1) return [group];
    return parts.map((tests, i) => ({ ...group, key: `${group.key}#${i + 1}`, tests }));
  });
}
function parseCanaryOutput(text) {
  const attempts = [];
  let doneMs;
  let inLog = false;
  const head = new RegExp(`^${ATTEMPT_MARKER} (\\d{1,3}) (\\d{1,12})$`);
  const done = new RegExp(`^${DONE_MARKER} (\\d{1,12})$`);
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    const m = head.exec(line);
    if (m) {
      attempts.push({ attempt: Number(m[1]), atMs: Number(m[2]), lines: "" });
      continue;
    }
    const d = done.exec(line);
    if (d) doneMs = Number(d[1]);
    else if (line.startsWith(`${IN_LOG_MARKER} `)) inLog = true;
    else {
      const last = attempts[attempts.length - 1];
      if (last) last.lines += `${line}
`;
    }
  }
  return { attempts, ...doneMs !== void 0 ? { doneMs } : {}, inLog };
}
function readCanaryResults(tests, text, timeoutMs) {
  const parsed2 = parseCanaryOutput(text);
  const tries = new Map(tests.map((t) => [t.index, []]));
  const endMs = /* @__PURE__ */ new Map();
  let provenAt;
  parsed2.attempts.forEach((a, i) => {
    const runs = parseProbeLines(a.lines);
    const control = parseControlLine(a.lines);
    const ended = parsed2.attempts[i + 1]?.atMs ?? parsed2.doneMs;
    let proof = control !== void 0 && showsNetwork(
      CONTROL_HOST,
      { nc: control },
      { actual: control.exitCode === 0 ? "allowed" : "error", detail: "" }
    );
    for (const t of tests) {
      const run = runs.get(t.index);
      if (!run) continue;
      const observation = classify(t.target, run, timeoutMs);
      if (showsNetwork(t.target.host, run, observation)) proof = true;
      tries.get(t.index)?.push({ attempt: a.attempt, atMs: a.atMs, observation });
      if (ended !== void 0) endMs.set(t.index, ended);
    }
    if (proof && provenAt === void 0) provenAt = a.attempt;
  });
  return {
    tries,
    ...provenAt !== void 0 ? { provenAt } : {},
    endMs,
    ...parsed2.doneMs !== void 0 ? { doneMs: parsed2.doneMs } : {},
    inLog: parsed2.inLog
  };
}

// src/probe/canary-spec.ts
var POD_SECURITY = {
  runAsNonRoot: true,
  runAsUser: 65534,
  runAsGroup: 65534,
  seccompProfile: { type: "RuntimeDefault" }
};
var CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] }
};
function probingPodSpec(settings, node) {
  const nodeSelector = { ...settings.nodeSelector ?? {} };
  if (node) nodeSelector["kubernetes.io/hostname"] = node;
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: POD_SECURITY,
    ...Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {},
    ...settings.tolerations?.length ? { tolerations: settings.tolerations } : {},
    ...settings.imagePullSecret ? { imagePullSecrets: [{ name: settings.imagePullSecret }] } : {}
  };
}

// src/cluster/manifests.ts
var CONTAINER = "canary";
var NEVER_READY_GATE = "netpol-canary.io/never-ready";
function canaryPod({
  name,
  group,
  run,
  settings,
  lifetimeSeconds,
  namespaceUid
}) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: group.namespace,
      labels: { ...group.labels, ...ownershipLabels(run) },
      annotations: {
        // a mesh sidecar would change what the probe measures
        "sidecar.istio.io/inject": "false",
        "linkerd.io/inject": "disabled"
      },
      // controllers adopt only pods without a controller reference. A cluster-scoped owner
      // may own namespaced objects; no blockOwnerDeletion, which would need more rights on
      // the namespace under OwnerReferencesPermissionEnforcement
      ownerReferences: [
        { apiVersion: "v1", kind: "Namespace", name: group.namespace, uid: namespaceUid, controller: true }
      ]
    },
    spec: {
      readinessGates: [{ conditionType: NEVER_READY_GATE }],
      restartPolicy: "Never",
      activeDeadlineSeconds: lifetimeSeconds,
      terminationGracePeriodSeconds: 0,
      ...probingPodSpec(settings, group.node),
      containers: [
        {
          name: CONTAINER,
          image: settings.image,
          // the script is one argument of the pod spec: no shell on the runner ever sees it,
          // and every user value in it is single-quoted
          command: ["sh", "-c", buildCanaryScript(canaryProbes(group.tests), settings)],
          // The message file is a mount the kubelet makes mode 0666 (kuberuntime_container.go,
          // makeMounts; a conformance test writes it as non-root), so nobody (65534) writes it
          // on a read-only root. Should the script be killed before it writes its message,
          // the kubelet puts the tail of its log there instead: finished attempts still count
          terminationMessagePolicy: "FallbackToLogsOnError",
          securityContext: CONTAINER_SECURITY,
          resources: {
            requests: { cpu: "10m", memory: "16Mi" },
            limits: { cpu: "200m", memory: "64Mi" }
          }
        }
      ]
    }
  };
}
function namespaceManifest(name, labels, run, leaseUntil) {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name,
      labels: { ...labels, [MANAGED_BY_KEY]: MANAGED_BY },
      annotations: { [`${LEASE_PREFIX}${run}`]: leaseUntil.toISOString() }
    }
  };
}
function documents(items) {
  return items.map((item) => `${JSON.stringify(item)}
`).join("");
}
function canaryLifetimeSeconds(settings) {
  const ms = settings.readyTimeoutMs + scriptMaxMs(settings) + 10 * 6e4;
  return Math.ceil(ms / 1e3);
}

// src/cluster/namespaces.ts
var CALL_MS = 3e4;
function namespacesByName(names) {
  return {
    args: ["get", "-f", "-", "-o", "json", "--ignore-not-found"],
    stdin: documents(names.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } })))
  };
}
async function getNamespaces(k, names, deadline) {
  const found = /* @__PURE__ */ new Map();
  if (names.length === 0) return found;
  const r = await k.run({
    ...namespacesByName(names),
    timeoutMs: CALL_MS,
    ...deadline === void 0 ? {} : { deadline },
    idempotent: true
  });
  if (r.code !== 0) throw new Error(describeFailure(`Could not read namespaces ${names.join(", ")}`, r));
  for (const item of parseItems(r.stdout)) {
    const ns = item;
    if (ns?.metadata?.name) found.set(ns.metadata.name, ns);
  }
  return found;
}
async function getNamespacesBySelector(k, selector) {
  const r = await k.run({
    args: ["get", "namespaces", "-l", selector, "-o", "json"],
    timeoutMs: CALL_MS,
    idempotent: true
  });
  if (r.code !== 0) throw new Error(describeFailure(`Listing namespaces labelled ${selector}`, r));
  return parseItems(r.stdout);
}
function parseItems(stdout) {
  const items = [];
  createJsonSplitter((value) => {
    const v = value;
    if (Array.isArray(v?.items)) items.push(...v.items);
    else items.push(value);
  })(stdout);
  return items;
}
async function acquireNamespaces(k, missing, shared, opts) {
  const failures = /* @__PURE__ */ new Map();
  const created = [];
  const uids = /* @__PURE__ */ new Map();
  const retry = [];
  if (missing.length > 0) {
    const r = await k.run({
      args: ["create", "-f", "-", "-o", "json", "--validate=false"],
      // see createPods
      stdin: documents(missing.map((m) => namespaceManifest(m.name, m.labels, opts.run, opts.leaseUntil))),
      timeoutMs: CALL_MS
    });
    const byName = new Map(
      parseItems(r.stdout).filter((ns) => ns?.kind === "Namespace" && ns.metadata?.name).map((ns) => [ns.metadata.name, ns])
    );
    for (const m of missing) {
      const ns = byName.get(m.name);
      if (ns) {
        opts.log(`created namespace ${m.name}`);
        created.push(leaseView(ns));
        if (ns.metadata.uid) uids.set(m.name, ns.metadata.uid);
      } else retry.push(m);
    }
  }
  const labelsOf = new Map([
    ...shared.map((ns) => [ns.metadata.name, ownLabels(ns)]),
    ...missing.map((m) => [m.name, m.labels])
  ]);
  const one = [...retry.map((m) => m.name), ...shared.map((ns) => ns.metadata.name)];
  await Promise.all(
    one.map(async (name) => {
      const had = await acquireOne(k, name, labelsOf.get(name) ?? {}, opts);
      if ("error" in had) failures.set(name, had.error);
      else if (had.uid) uids.set(name, had.uid);
    })
  );
  return { failures, created, uids };
}
function leaseView(ns) {
  const { name, uid, resourceVersion, labels, annotations } = ns.metadata;
  return {
    metadata: {
      name,
      ...uid ? { uid } : {},
      ...resourceVersion ? { resourceVersion } : {},
      ...labels ? { labels } : {},
      ...annotations ? { annotations } : {}
    }
  };
}
function ownLabels(ns) {
  const labels = { ...ns.metadata.labels ?? {} };
  delete labels["kubernetes.io/metadata.name"];
  delete labels[MANAGED_BY_KEY];
  return labels;
}
async function acquireOne(k, name, labels, opts) {
  let waitMs = 250;
  const breathe = () => sleep(waitMs = Math.min(waitMs * 2, 2e3));
  for (; ; ) {
    if (Date.now() > opts.deadline) {
      return {
        error: `namespace ${name} stayed in deletion (another run of this action was removing it) until the ready-timeout passed; run again`
      };
    }
    const found = await getNamespaces(k, [name]).catch((e) => e);
    if (found instanceof Error) return { error: found.message };
    const ns = found.get(name);
    if (!ns) {
      const r2 = await k.run({
        args: ["create", "-f", "-", "-o", "json", "--validate=false"],
        stdin: JSON.stringify(namespaceManifest(name, labels, opts.run, opts.leaseUntil)),
        timeoutMs: CALL_MS
      });
      if (r2.code === 0) {
        opts.log(`created namespace ${name}`);
        const made = parseItems(r2.stdout)[0];
        return { uid: made?.metadata?.uid };
      }
      if (/AlreadyExists|already exists/.test(r2.stderr)) continue;
      if (/being terminated|Terminating/.test(r2.stderr) || isTransient(r2)) {
        await breathe();
        continue;
      }
      return { error: describeFailure(`Creating namespace ${name}`, r2) };
    }
    const uid = ns.metadata.uid;
    if (!isManaged(ns)) return { uid };
    if (hasLease(ns, opts.run) && !isClosing(ns)) return { uid };
    if (isClosing(ns)) {
      opts.log(`namespace ${name} is being removed by another run; waiting to create it anew`);
      await breathe();
      continue;
    }
    const r = await conditionalPatch(k, ns, { [leaseKey(opts.run)]: opts.leaseUntil.toISOString() });
    if (r.code === 0) {
      opts.log(`sharing namespace ${name} with other runs of this action`);
      return { uid };
    }
    if (!isConflictOrGone(r)) return { error: describeFailure(`Taking a lease on namespace ${name}`, r) };
  }
}
async function releaseNamespaces(k, names, opts) {
  const report = { deleted: [], kept: [], failed: [] };
  const current = new Map(
    (opts.known ?? []).filter((ns) => names.includes(ns.metadata.name)).map((ns) => [ns.metadata.name, ns])
  );
  const known = new Set(current.keys());
  const unknown2 = names.filter((name) => !current.has(name));
  try {
    for (const [name, ns] of await getNamespaces(k, unknown2, opts.deadline)) current.set(name, ns);
  } catch (e) {
    for (const name of unknown2) report.failed.push({ name, error: e.message });
  }
  const ours = (ns) => hasLease(ns, opts.run) || ns.metadata.annotations?.[CLOSING_KEY] === opts.run;
  await Promise.all(
    [...current.values()].filter((ns) => ours(ns) || opts.unleased && isManaged(ns)).map(async (first) => {
      let ns = first;
      const name = first.metadata.name;
      if (known.has(name) && deletableAsSeen(first, opts)) {
        if (await preconditionedDelete(k, first, opts.deadline)) {
          report.deleted.push(name);
          return;
        }
        try {
          ns = (await getNamespaces(k, [name], opts.deadline)).get(name);
        } catch (e) {
          report.failed.push({ name, error: e.message });
          return;
        }
        if (ns && !ours(ns) && !opts.unleased) return;
      }
      while (ns) {
        if (ns.metadata.annotations?.[CLOSING_KEY] === opts.run) {
          report.deleted.push(...await deleteNamespace(k, name, report, opts.deadline));
          return;
        }
        if (Date.now() > opts.deadline) {
          report.failed.push({ name, error: "time ran out while releasing it" });
          return;
        }
        const why = whyNotDeletable(ns, opts.prefix, opts.run, opts.now());
        if (why && !hasLease(ns, opts.run)) {
          report.kept.push({ name, why });
          return;
        }
        const patch = {};
        if (hasLease(ns, opts.run)) patch[leaseKey(opts.run)] = null;
        if (!why) patch[CLOSING_KEY] = opts.run;
        const r = await conditionalPatch(k, ns, patch, opts.deadline);
        if (r.code === 0) {
          if (why) {
            report.kept.push({ name, why });
            return;
          }
          report.deleted.push(...await deleteNamespace(k, name, report, opts.deadline));
          return;
        }
        if (!isConflictOrGone(r)) {
          report.failed.push({ name, error: describeFailure(`Releasing namespace ${name}`, r) });
          return;
        }
        const again = await getNamespaces(k, [name], opts.deadline).catch(
          () => /* @__PURE__ */ new Map()
        );
        ns = again.get(name);
        if (ns && !ours(ns) && !opts.unleased) return;
      }
    })
  );
  return report;
}
function deletableAsSeen(ns, opts) {
  const { uid, resourceVersion, annotations = {} } = ns.metadata;
  if (!uid || !resourceVersion || !hasLease(ns, opts.run) || isClosing(ns)) return false;
  const withoutOurs = Object.fromEntries(
    Object.entries(annotations).filter(([key]) => key !== leaseKey(opts.run))
  );
  const bare = { ...ns, metadata: { ...ns.metadata, annotations: withoutOurs } };
  return whyNotDeletable(bare, opts.prefix, opts.run, opts.now()) === void 0;
}
async function preconditionedDelete(k, ns, deadline) {
  const options = {
    kind: "DeleteOptions",
    apiVersion: "v1",
    preconditions: { uid: ns.metadata.uid, resourceVersion: ns.metadata.resourceVersion },
    propagationPolicy: "Background"
  };
  const r = await k.run({
    args: ["delete", "--raw", `/api/v1/namespaces/${encodeURIComponent(ns.metadata.name)}`, "-f", "-"],
    stdin: JSON.stringify(options),
    timeoutMs: CALL_MS,
    deadline,
    // safe to repeat: a repeat after a lost success conflicts (deletionTimestamp moved the
    // resourceVersion on), and the caller reads again
    idempotent: true
  });
  if (r.code !== 0) return false;
  const answer = parseItems(r.stdout)[0];
  return answer?.metadata?.uid === ns.metadata.uid && Boolean(answer?.metadata?.deletionTimestamp);
}
async function deleteNamespace(k, name, report, deadline) {
  const d = await k.run({
    args: ["delete", "namespace", name, "--wait=false", "--ignore-not-found"],
    timeoutMs: CALL_MS,
    deadline,
    idempotent: true
  });
  if (d.code === 0) return [name];
  report.failed.push({ name, error: describeFailure(`Deleting namespace ${name}`, d) });
  return [];
}
function conditionalPatch(k, ns, annotations, deadline) {
  const body = { metadata: { resourceVersion: ns.metadata.resourceVersion, annotations } };
  return k.run({
    args: ["patch", "namespace", ns.metadata.name, "--type", "merge", "-p", JSON.stringify(body)],
    timeoutMs: CALL_MS,
    ...deadline === void 0 ? {} : { deadline },
    // safe to repeat: a repeat after a lost success answers Conflict, and the caller reads again
    idempotent: true
  });
}
function isConflictOrGone(r) {
  return /Conflict|the object has been modified|NotFound|not found/.test(r.stderr);
}
function createdNames(stdout, kind) {
  const names = /* @__PURE__ */ new Set();
  for (const line of stdout.split("\n")) {
    const m = /^([a-z.]+)\/(.+)$/.exec(line.trim());
    if (m && m[1] === kind) names.add(m[2] ?? "");
  }
  return names;
}
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// src/cluster/policy-kinds.ts
function parseApiResources(text) {
  const [header, ...rows] = text.split("\n");
  if (!header) return [];
  const at = (name2) => header.search(new RegExp(`\\b${name2}\\b`));
  const cols = ["NAME", "APIVERSION", "NAMESPACED", "KIND", "VERBS"].map(at);
  if (cols.some((c) => c < 0)) return [];
  const [name, apiVersion, namespaced, kind, verbs] = cols;
  const cell = (row, from, to) => row.slice(from, to).trim();
  return rows.flatMap((row) => {
    if (row.trim() === "") return [];
    const version = cell(row, apiVersion, namespaced);
    const group = version.includes("/") ? version.slice(0, version.indexOf("/")) : "";
    const resource = cell(row, name, apiVersion).split(/\s+/)[0] ?? "";
    return [
      {
        resource: group ? `${resource}.${group}` : resource,
        apiVersion: version,
        kind: cell(row, kind, verbs),
        namespaced: cell(row, namespaced, kind) === "true"
      }
    ];
  });
}
function policyKindsOf(served) {
  const admin = served.filter((s) => isAdminKind(s.kind, s.apiVersion));
  const other = served.filter(
    (s) => !admin.includes(s) && isOtherPolicyKind(s.kind) && !(s.kind === "NetworkPolicy" && s.apiVersion === "networking.k8s.io/v1")
  );
  return { admin, other };
}
async function discoverPolicyKinds(k, timeoutMs) {
  const r = await k.run({ args: ["api-resources", "-o", "wide"], timeoutMs, idempotent: true });
  const served = parseApiResources(r.stdout);
  if (r.code !== 0 && served.length === 0) {
    return { admin: [], other: [], problem: describeFailure("Listing the API resource types", r) };
  }
  return policyKindsOf(served);
}
async function readPolicyKinds(k, kinds, namespaces, timeoutMs) {
  const unread = [];
  if (kinds.problem) {
    unread.push({ text: `policies of kinds other than NetworkPolicy (${kinds.problem})` });
  }
  const all = [...kinds.admin, ...kinds.other];
  if (all.length === 0) return { items: [], unread };
  const first = await readKinds(k, all, void 0, timeoutMs);
  const retry = first.failed.filter((s) => s.namespaced);
  unread.push(...first.failed.filter((s) => !s.namespaced).map((s) => unreadOf(s, void 0, first.why)));
  const again = retry.length > 0 ? await Promise.all(namespaces.map((ns) => readKinds(k, retry, ns, timeoutMs))) : [];
  again.forEach((a, i) => unread.push(...a.failed.map((s) => unreadOf(s, namespaces[i], a.why))));
  return { items: [...first.items, ...again.flatMap((a) => a.items)], unread };
}
function unreadOf(s, namespace, why) {
  return {
    // a modelled kind needs no group; another group's NetworkPolicy does
    text: `${plural2(isAdminKind(s.kind, s.apiVersion) ? s.kind : kindText(s.kind, s.apiVersion))}${namespace ? ` in ${namespace}` : ""} (${why})`,
    ...namespace ? { namespace } : {}
  };
}
async function readKinds(k, kinds, namespace, timeoutMs) {
  const resources = kinds.map((s) => s.resource).join(",");
  const r = await k.run({
    args: ["get", resources, ...namespace ? ["-n", namespace] : ["-A"], "-o", "json"],
    timeoutMs,
    idempotent: true
  });
  const items = parsedItems(r);
  if (r.code === 0 && items) return { items, failed: [], why: "" };
  const forbidden = kinds.filter((s) => isForbiddenFor(r, s));
  if (forbidden.length > 0)
    return { items: items ?? [], failed: forbidden, why: "this run may not list them" };
  const where = namespace ? ` in ${namespace}` : "";
  return { items: items ?? [], failed: kinds, why: describeFailure(`Reading ${resources}${where}`, r) };
}
function parsedItems(r) {
  if (r.stdout.trim() === "") return r.code === 0 ? [] : void 0;
  try {
    return parseItems(r.stdout);
  } catch {
    return void 0;
  }
}
function isForbiddenFor(r, s) {
  const [resource, ...group] = s.resource.split(".");
  return r.stderr.includes(`cannot list resource "${resource}" in API group "${group.join(".")}"`);
}
function plural2(kind) {
  return kind.replace(
    /^(\S+?)(y?)( \(.*\))?$/,
    (_, stem, y, rest = "") => y ? `${stem}ies${rest}` : `${stem}s${rest}`
  );
}
function needsNodes(items) {
  return items.some((item) => {
    const spec = item?.spec;
    const egress = Array.isArray(spec?.egress) ? spec.egress : [];
    return egress.some(
      (rule) => Array.isArray(rule?.to) && rule.to.some((peer) => peer?.nodes != null)
    );
  });
}
async function readNodes(k, timeoutMs) {
  const r = await k.run({ args: ["get", "nodes", "-o", "json"], timeoutMs, idempotent: true });
  return r.code === 0 ? parsedItems(r) : void 0;
}

// src/cluster/snapshot.ts
var HOSTNAME_KEY = "kubernetes.io/hostname";
var CLUSTER_DOMAIN2 = ".cluster.local";
function clusterSnapshot(reads, run) {
  const snapshot = {
    namespaces: [],
    pods: [],
    services: [],
    policies: [],
    adminPolicies: [],
    unmodelled: [],
    unread: reads.unread ?? [],
    where: "the cluster"
  };
  for (const item of reads.namespaces) {
    const ns = namespaceFrom(item);
    if (ns.ok) snapshot.namespaces.push(ns.value);
  }
  for (const item of reads.objects) {
    const obj = item;
    if (obj?.kind === "Pod") {
      if (!isLive(obj) || readLabels(obj)[RUN_KEY] === run) continue;
      const pod = podFrom(obj);
      if (pod.ok) snapshot.pods.push(pod.value);
    } else if (obj?.kind === "Service") {
      const svc = serviceFrom(obj);
      if (svc.ok) snapshot.services.push(svc.value);
    } else if (obj?.kind === "NetworkPolicy") {
      const policy = policyFrom(obj);
      if (policy.ok) snapshot.policies.push(policy.value);
    }
  }
  if (reads.nodes) snapshot.nodes = reads.nodes.flatMap(nodeFrom);
  for (const item of reads.policyObjects ?? []) {
    const obj = item;
    const kind = obj?.kind ?? "";
    const apiVersion = obj?.apiVersion ?? "";
    if (isAdminKind(kind, apiVersion)) {
      const policy = adminPolicyFrom(obj);
      if (policy.ok) snapshot.adminPolicies?.push(policy.value);
    } else if (isOtherPolicyKind(kind)) {
      snapshot.unmodelled?.push(unmodelledFrom(item, kind, apiVersion));
    }
  }
  return snapshot;
}
function nodeFrom(item) {
  const node = item;
  if (typeof node?.metadata?.name !== "string") return [];
  const addresses = (node.status?.addresses ?? []).flatMap(
    (a) => typeof a?.address === "string" && parseIp(a.address) ? [a.address] : []
  );
  return [{ name: node.metadata.name, labels: readLabels(item), addresses }];
}
function isLive(pod) {
  return pod.status?.phase === "Running" && !pod.metadata?.deletionTimestamp;
}
function canarySource(test, objects, run) {
  const hidden = ownershipLabels(run);
  const wanted = { ...test.labels, ...hidden };
  const canaries = objects.filter((item) => {
    const obj = item;
    return obj?.kind === "Pod" && obj.metadata?.namespace === test.from && sameLabels(readLabels(obj), wanted);
  });
  const pinned = (pod) => pod.spec?.nodeSelector?.[HOSTNAME_KEY];
  const canary = canaries.find((pod) => pinned(pod) === test.node && pod.status?.podIP) ?? (test.node === void 0 ? canaries.find((pod) => pod.status?.podIP) : void 0);
  const ip = canary?.status?.podIP;
  return {
    namespace: test.from,
    labels: test.labels,
    hiddenLabels: hidden,
    ...ip ? { ip } : {}
  };
}
function sameLabels(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
function targetNamespaces(test) {
  const certain = [test.from];
  const maybe3 = [];
  const host = test.target.host.toLowerCase().replace(/\.$/, "");
  if (parseIp(host.replace(/^\[|\]$/g, "")) === void 0) {
    const name = host.endsWith(CLUSTER_DOMAIN2) ? host.slice(0, -CLUSTER_DOMAIN2.length) : host;
    const parts = name.split(".");
    const last = parts[parts.length - 1];
    const named = last === "svc" && (parts.length === 3 || parts.length === 4) ? parts[parts.length - 2] : last === "pod" && parts.length === 3 ? parts[1] : void 0;
    if (named && isNamespaceName(named)) certain.push(named);
    else if (parts.length === 2 && parts[1]) maybe3.push(parts[1]);
  }
  return {
    certain: [...new Set(certain)],
    maybe: maybe3.filter((ns) => !certain.includes(ns) && isNamespaceName(ns))
  };
}
function isNamespaceName(name) {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

// src/cluster/read-cluster.ts
var CALL_MS2 = 6e4;
async function readCluster(k) {
  const get = async (args, what) => {
    const r = await k.run({ args: ["get", ...args, "-o", "json"], timeoutMs: CALL_MS2, idempotent: true });
    if (r.code !== 0) {
      const forbidden = /\(Forbidden\)|is forbidden/.test(r.stderr);
      return forbidden ? `${what}: this kubeconfig may not list them across all namespaces (grant list on namespaces, pods, services and networkpolicies, cluster-wide)` : describeFailure(what, r);
    }
    try {
      return parseItems(r.stdout);
    } catch {
      return `${what}: kubectl printed output that is not JSON`;
    }
  };
  const [namespaces, objects, kinds] = await Promise.all([
    get(["namespaces"], "Reading namespaces"),
    get(["pods,services,networkpolicies", "-A"], "Reading pods, Services and NetworkPolicies"),
    discoverPolicyKinds(k, CALL_MS2)
  ]);
  if (typeof namespaces === "string") return { ok: false, error: namespaces };
  if (typeof objects === "string") return { ok: false, error: objects };
  const names = namespaces.flatMap((n) => {
    const name = n?.metadata?.name;
    return typeof name === "string" ? [name] : [];
  });
  const policies = await readPolicyKinds(k, kinds, names, CALL_MS2);
  const workloads = objects.filter(
    (o) => o?.metadata?.labels?.[MANAGED_BY_KEY] !== MANAGED_BY
  );
  const snapshot = clusterSnapshot(
    { namespaces, objects: workloads, policyObjects: policies.items, unread: policies.unread },
    ""
  );
  return { ok: true, snapshot };
}

// src/matrix/duration.ts
var UNIT_MS = { h: 36e5, m: 6e4, s: 1e3, ms: 1 };
var UNIT_ORDER = ["h", "m", "s", "ms"];
var PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
var HOW = "write a whole or decimal number with a unit: h, m, s or ms, as in 500ms, 5s, 1m30s or 1h";
function parseDuration(text) {
  const s = text.trim();
  if (s === "") return fail(`the duration is empty: ${HOW}`);
  if (s.startsWith("-")) return fail(`${showValue(text)} is negative: a duration must be more than zero`);
  if (/^\d+(\.\d+)?$/.test(s)) return fail(`${showValue(text)} has no unit: ${HOW}`);
  let total = 0;
  let pos = 0;
  let lastUnit = -1;
  PART.lastIndex = 0;
  while (pos < s.length) {
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) return fail(`${showValue(text)} is not a duration: ${HOW}`);
    const unit = m[2];
    const order = UNIT_ORDER.indexOf(unit);
    if (order <= lastUnit) {
      return fail(`${showValue(text)} is not a duration: give each unit once, largest first, as in 1h30m`);
    }
    lastUnit = order;
    total += Number(m[1]) * (UNIT_MS[unit] ?? 0);
    pos = PART.lastIndex;
  }
  const ms = Math.ceil(total);
  if (ms <= 0) return fail(`${showValue(text)} is zero: a duration must be more than zero`);
  if (!Number.isSafeInteger(ms)) return fail(`${showValue(text)} is too long`);
  return ok(ms);
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "0ms";
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) {
    const tenths = Math.round(ms / 100) / 10;
    if (tenths < 60) return `${tenths}s`;
  }
  const totalSec = Math.round(ms / 1e3);
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor(totalSec % 3600 / 60);
  const sec = totalSec % 60;
  return [h > 0 ? `${h}h` : "", m > 0 ? `${m}m` : "", sec > 0 ? `${sec}s` : ""].join("") || "0s";
}

// src/matrix/k8s-names.ts
var LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
var SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
var QNAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
var LABEL_RE = new RegExp(`^${LABEL_FMT}$`);
var SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);
var QNAME_RE = new RegExp(`^${QNAME_FMT}$`);
var LABEL_VALUE_RE = new RegExp(`^(${QNAME_FMT})?$`);
var DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + LABEL_FMT + "')";
var DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + SUBDOMAIN_FMT + "')";
var QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QNAME_FMT + "')";
var LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(" + QNAME_FMT + ")?')";
var maxLenMsg = (n) => `must be no more than ${n} characters`;
function dns1123LabelErrors(value) {
  const errs = [];
  if (value.length > 63) errs.push(maxLenMsg(63));
  if (!LABEL_RE.test(value)) errs.push(DNS1123_LABEL_MSG);
  return errs;
}
function dns1123SubdomainErrors(value) {
  const errs = [];
  if (value.length > 253) errs.push(maxLenMsg(253));
  if (!SUBDOMAIN_RE.test(value)) errs.push(DNS1123_SUBDOMAIN_MSG);
  return errs;
}
var namespaceNameErrors = dns1123LabelErrors;
var nodeNameErrors = dns1123SubdomainErrors;
var secretNameErrors = dns1123SubdomainErrors;
function labelKeyErrors(key) {
  const parts = key.split("/");
  let name;
  const errs = [];
  if (parts.length === 1) {
    name = parts[0] ?? "";
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    name = parts[1] ?? "";
    if (prefix === "") errs.push("prefix part must be non-empty");
    else errs.push(...dns1123SubdomainErrors(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${QNAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`
    ];
  }
  if (name === "") errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push(`name part ${maxLenMsg(63)}`);
  if (!QNAME_RE.test(name)) errs.push(`name part ${QNAME_MSG}`);
  return errs;
}
function labelValueErrors(value) {
  const errs = [];
  if (value.length > 63) errs.push(maxLenMsg(63));
  if (!LABEL_VALUE_RE.test(value)) errs.push(LABEL_VALUE_MSG);
  return errs;
}
function labelsErrors(labels, where) {
  const errs = [];
  const at = where === "" ? "" : `${where}: `;
  for (const [key, value] of Object.entries(labels)) {
    for (const m of labelKeyErrors(key)) errs.push(`${at}key ${showValue(key)}: ${m}`);
    for (const m of labelValueErrors(value)) {
      errs.push(`${at}value ${showValue(value)} of key ${showValue(key)}: ${m}`);
    }
  }
  return errs;
}
var IMAGE_RE = /^[A-Za-z0-9._/:@-]+$/;
function imageReferenceErrors(image) {
  if (image === "") return ["an image reference must not be empty"];
  const errs = [];
  if (image.length > 4096) errs.push("an image reference must be no more than 4096 characters");
  if (/\s/.test(image)) errs.push("an image reference must not contain whitespace");
  if (image.startsWith("-")) errs.push('an image reference must not start with "-"');
  if (!IMAGE_RE.test(image)) {
    errs.push(
      "an image reference may contain only letters, digits and the characters . _ / : @ - (as in busybox:1.36 or registry.example.com/tools/busybox@sha256:…)"
    );
  }
  return errs;
}

// src/matrix/yaml-text.ts
var import_yaml3 = __toESM(require_dist(), 1);
var MAX_YAML_DEPTH = 64;
var MAX_YAML_ALIASES = 100;
function readYamlText(text, source) {
  const deep = nestingDepth(text);
  if (deep.depth > MAX_YAML_DEPTH) {
    return fail(
      `${source}, line ${deep.line}: the document is nested more than ${MAX_YAML_DEPTH} levels deep; a matrix or an input needs only a few levels`
    );
  }
  const json = readJsonText(text);
  if (json) return ok(json);
  const lineCounter = new import_yaml3.LineCounter();
  let doc;
  try {
    doc = (0, import_yaml3.parseDocument)(text, {
      version: "1.2",
      schema: "core",
      merge: false,
      uniqueKeys: true,
      prettyErrors: false,
      lineCounter
    });
  } catch (e) {
    return fail(`${source}: could not be read as YAML or JSON: ${errorText(e)}`);
  }
  const where = (offset) => {
    const pos = lineCounter.linePos(offset);
    return `${source}, line ${pos.line}, column ${pos.col}`;
  };
  if (doc.errors.length > 0) {
    return fail(
      ...doc.errors.slice(0, 10).map((e) => `${where(e.pos[0])}: ${yamlMessage(e.code, e.message)}`)
    );
  }
  const keyErrors = [];
  walk(doc.contents, (node) => {
    if ((0, import_yaml3.isMap)(node)) {
      for (const pair of node.items) {
        if ((0, import_yaml3.isCollection)(pair.key) || (0, import_yaml3.isAlias)(pair.key)) {
          keyErrors.push(
            `${where(nodeStart(pair.key))}: a map key must be plain text, not a list, map or alias`
          );
        }
      }
    }
  });
  if (keyErrors.length > 0) return fail(...keyErrors.slice(0, 10));
  let value;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    const msg = errorText(e);
    if (/alias count/i.test(msg)) {
      return fail(
        `${source}: an anchor is used through aliases (*name) more than ${MAX_YAML_ALIASES} times, or aliases nest too deeply; write those values out instead`
      );
    }
    return fail(`${source}: could not be read as YAML or JSON: ${msg}`);
  }
  const lineOfOffset = (offset) => lineCounter.linePos(offset).line;
  return ok({
    value,
    line(path, which = "value") {
      let node = doc.contents;
      let keyNode;
      for (const step of path) {
        keyNode = void 0;
        let next;
        if ((0, import_yaml3.isMap)(node)) {
          const pair = node.items.find((p) => (0, import_yaml3.isScalar)(p.key) && String(p.key.value) === String(step));
          if (pair) {
            keyNode = pair.key;
            next = pair.value ?? pair.key;
          }
        } else if ((0, import_yaml3.isSeq)(node) && typeof step === "number") {
          next = node.items[step];
        }
        if (next === void 0 || next === null) break;
        node = next;
      }
      const target = which === "key" && keyNode !== void 0 ? keyNode : node;
      return lineOfOffset(nodeStart(target));
    }
  });
}
function readJsonText(text) {
  if (!/^\s*[{[]/.test(text) || text.includes('"__proto__"')) return void 0;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return void 0;
  }
  const root = jsonPositions(text);
  if (!root) return void 0;
  const newlines = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines.push(i);
  const lineOfOffset = (offset) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if ((newlines[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  return {
    value,
    line(path, which = "value") {
      let node = root;
      let keyStart;
      for (const step of path) {
        keyStart = void 0;
        const next = node.keys?.get(String(step)) ?? (typeof step === "number" ? node.items?.[step] : void 0);
        if (!next) break;
        if (node.keys) keyStart = next.keyStart;
        node = next;
      }
      return lineOfOffset(which === "key" && keyStart !== void 0 ? keyStart : node.start);
    }
  };
}
function jsonPositions(text) {
  let i = 0;
  const space = () => {
    while (i < text.length && " 	\n\r".includes(text[i] ?? "")) i++;
  };
  const string = () => {
    const from = i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(from, i));
  };
  const value = () => {
    space();
    const start = i;
    const c = text[i];
    if (c === "{" || c === "[") {
      i++;
      const keys = /* @__PURE__ */ new Map();
      const items = [];
      space();
      if (text[i] === (c === "{" ? "}" : "]")) {
        i++;
      } else {
        for (; ; ) {
          space();
          let key;
          let keyStart = 0;
          if (c === "{") {
            keyStart = i;
            key = string();
            space();
            i++;
          }
          const v = value();
          if (!v) return void 0;
          if (key === void 0) items.push(v);
          else {
            if (keys.has(key)) return void 0;
            keys.set(key, { ...v, keyStart });
          }
          space();
          if (text[i++] !== ",") break;
        }
      }
      return c === "{" ? { start, keys } : { start, items };
    }
    if (c === '"') string();
    else while (i < text.length && !",]} 	\n\r".includes(text[i] ?? "")) i++;
    return { start };
  };
  return value();
}
function nodeStart(node) {
  const range = node?.range;
  return range ? range[0] : 0;
}
function walk(node, visit) {
  if ((0, import_yaml3.isPair)(node)) {
    walk(node.key, visit);
    walk(node.value, visit);
    return;
  }
  if (!(0, import_yaml3.isCollection)(node)) return;
  visit(node);
  for (const item of node.items) walk(item, visit);
}
function errorText(e) {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0] ?? msg;
}
function yamlMessage(code, message) {
  const first = message.split("\n")[0] ?? message;
  if (code === "MULTIPLE_DOCS") return 'the text holds more than one YAML document (a "---" line); give one';
  if (code === "DUPLICATE_KEY") return "a key appears twice in the same map; keys must be unique";
  return first.replace(/ at line \d+, column \d+.*$/, "");
}
function nestingDepth(text) {
  let flow = 0;
  let quote2 = "";
  let best = { depth: 0, line: 1 };
  const indents = [];
  let blockScalarIndent = -1;
  let blockDepth = 0;
  const lines = text.split(/\r\n|\r|\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const blank = /^\s*(#.*)?$/.test(line);
    if (blockScalarIndent >= 0) {
      if (blank || indent > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    let depth = blockDepth;
    if (quote2 === "" && flow === 0 && !blank) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      depth = indents.length;
      const rest = line.slice(indent);
      const lead = /^(?:[-?:](?:[ \t]+|$))*/.exec(rest)?.[0] ?? "";
      depth += lead.replace(/[^-?:]/g, "").length;
      if (/^[^#'"[{]*?:(\s|$)/.test(rest.slice(lead.length))) depth++;
      blockDepth = depth;
    }
    let lineFlowMax = flow;
    let prev = " ";
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote2 === '"') {
        if (c === "\\") i++;
        else if (c === '"') quote2 = "";
      } else if (quote2 === "'") {
        if (c === "'") {
          if (line[i + 1] === "'") i++;
          else quote2 = "";
        }
      } else if (c === "#" && /\s/.test(prev)) {
        break;
      } else if ((c === '"' || c === "'") && /[\s[{,:?-]/.test(prev)) {
        quote2 = c;
      } else if (c === "[" || c === "{") {
        flow++;
        lineFlowMax = Math.max(lineFlowMax, flow);
      } else if (c === "]" || c === "}") {
        flow = Math.max(0, flow - 1);
      } else if ((c === "|" || c === ">") && flow === 0 && /[\s:-]/.test(prev)) {
        if (/^[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(i))) blockScalarIndent = indent;
      }
      prev = c;
    }
    const total = depth + lineFlowMax;
    if (total > best.depth) best = { depth: total, line: n + 1 };
  }
  return best;
}

// src/matrix/settings.ts
var HOUR_MS = 36e5;
function parseSettings(get) {
  const errors = [];
  const read = (name) => get(name).trim();
  const problem = (name, msg) => {
    errors.push(`input ${JSON.stringify(name)}: ${msg}`);
  };
  const required = (name, what) => {
    const v = read(name);
    if (v === "") problem(name, `is empty; remove it to use the default, or give ${what}`);
    return v === "" ? void 0 : v;
  };
  const duration = (name) => {
    const text = required(name, "a duration such as 5s");
    if (text === void 0) return 0;
    const r = parseDuration(text);
    if (!r.ok) {
      r.errors.forEach((e) => problem(name, e));
      return 0;
    }
    if (r.value > HOUR_MS) problem(name, `${showValue(text)} is more than the limit of 1h`);
    return r.value;
  };
  const integer = (name, min, max) => {
    const text = required(name, `a whole number from ${min} to ${max}`);
    if (text === void 0) return min;
    const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max))
      problem(name, `must be a whole number from ${min} to ${max}, got ${showValue(text)}`);
    return n;
  };
  const boolean = (name) => {
    const text = required(name, "true or false");
    if (text === void 0) return false;
    if (["true", "True", "TRUE"].includes(text)) return true;
    if (["false", "False", "FALSE"].includes(text)) return false;
    problem(name, `must be true or false (also True, TRUE, False, FALSE), got ${showValue(text)}`);
    return false;
  };
  const image = required("image", "an image such as busybox:1.36") ?? "";
  if (image !== "") imageReferenceErrors(image).forEach((e) => problem("image", `${showValue(image)}: ${e}`));
  const timeoutMs = duration("timeout");
  const readyTimeoutMs = duration("ready-timeout");
  const attempts = integer("attempts", 1, 10);
  const namespacePrefix = required("namespace-prefix", "a prefix such as canary-test-") ?? "";
  if (namespacePrefix !== "")
    namespacePrefixErrors(namespacePrefix).forEach((e) => problem("namespace-prefix", e));
  const refusedMeansDenied = boolean("refused-means-denied");
  const failOnMismatch = boolean("fail-on-mismatch");
  const concurrency = integer("concurrency", 1, 100);
  const settings = {
    image,
    timeoutMs,
    readyTimeoutMs,
    attempts,
    namespacePrefix,
    refusedMeansDenied,
    failOnMismatch,
    concurrency
  };
  const maxDelay = read("max-enforcement-delay");
  if (maxDelay !== "") {
    const r = parseDuration(maxDelay);
    if (!r.ok) r.errors.forEach((e) => problem("max-enforcement-delay", e));
    else if (r.value > HOUR_MS)
      problem("max-enforcement-delay", `${showValue(maxDelay)} is more than the limit of 1h`);
    else settings.maxEnforcementDelayMs = r.value;
  }
  const context = read("context");
  if (context !== "") {
    if (context.startsWith("-")) problem("context", `${showValue(context)} must not start with "-"`);
    if (/[\s\u0000-\u001f\u007f]/.test(context)) {
      problem("context", `${showValue(context)} must not contain whitespace or control characters`);
    }
    settings.context = context;
  }
  const kubectlVersion = read("kubectl-version");
  if (kubectlVersion !== "") {
    if (kubectlVersion !== "latest" && !/^v?\d{1,3}\.\d{1,3}(\.\d{1,3})?$/.test(kubectlVersion)) {
      problem(
        "kubectl-version",
        `must be a version such as v1.33.1 or 1.33.1, a minor version such as 1.33, or latest, got ${showValue(kubectlVersion)}`
      );
    }
    settings.kubectlVersion = kubectlVersion;
  }
  const secret = read("image-pull-secret");
  if (secret !== "") {
    secretNameErrors(secret).forEach((e) => problem("image-pull-secret", `${showValue(secret)}: ${e}`));
    settings.imagePullSecret = secret;
  }
  const selectorText2 = read("node-selector");
  if (selectorText2 !== "") {
    const r = readNodeSelector(selectorText2);
    if (!r.ok) r.errors.forEach((e) => problem("node-selector", e));
    else if (Object.keys(r.value).length > 0) settings.nodeSelector = r.value;
  }
  const tolerationsText = read("tolerations");
  if (tolerationsText !== "") {
    const r = readTolerations(tolerationsText);
    if (!r.ok) r.errors.forEach((e) => problem("tolerations", e));
    else if (r.value.length > 0) settings.tolerations = r.value;
  }
  return errors.length > 0 ? fail(...errors) : ok(settings);
}
var RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease", "openshift"];
var RESERVED_STARTS = ["kube-", "openshift-", "default"];
function namespacePrefixErrors(prefix) {
  if (prefix === "")
    return ["must not be empty: the action creates and deletes only namespaces with this prefix"];
  const errs = [];
  if (prefix.length > 62)
    errs.push("must be no more than 62 characters, so that a namespace name can follow it");
  if (!/^[a-z0-9][a-z0-9-]*$/.test(prefix)) {
    errs.push(
      `${showValue(prefix)} must be the start of a namespace name: lower case letters, digits and "-", starting with a letter or digit`
    );
  }
  const why = "the action deletes the namespaces it created whose names start with this prefix, so it must not come near a system namespace; choose a prefix of your own, such as canary-test-";
  const start = RESERVED_STARTS.find((r) => prefix.startsWith(r));
  if (start !== void 0) {
    errs.push(
      `${showValue(prefix)} is refused: names starting with ${showValue(start)} are reserved; ${why}`
    );
  } else {
    const system = RESERVED_NAMESPACES.find((ns) => ns.startsWith(prefix));
    if (system !== void 0) {
      errs.push(
        `${showValue(prefix)} is refused: it is the start of the system namespace ${showValue(system)}; ${why}`
      );
    }
  }
  return errs;
}
function readNodeSelector(text) {
  const y = readYamlText(text, "the YAML");
  if (!y.ok) return y;
  const v = y.value.value;
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return fail(`must be a map of labels, such as {"kubernetes.io/os": "linux"}, got ${showValue(v)}`);
  }
  const errs = [];
  const entries = [];
  for (const [key, value] of Object.entries(v)) {
    if (typeof value === "string") entries.push([key, value]);
    else
      errs.push(
        `the value of ${showValue(key)} must be a string, got ${showValue(value)}${quoteHint(value)}`
      );
  }
  const labels = Object.fromEntries(entries);
  errs.push(...labelsErrors(labels, ""));
  return errs.length > 0 ? fail(...errs) : ok(labels);
}
var TOLERATION_FIELDS = ["key", "operator", "value", "effect", "tolerationSeconds"];
var OPERATORS = ["Exists", "Equal"];
var EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
function readTolerations(text) {
  const y = readYamlText(text, "the YAML");
  if (!y.ok) return y;
  const list = y.value.value;
  if (!Array.isArray(list)) {
    return fail(
      `must be a list of tolerations, such as [{"key": "dedicated", "operator": "Equal", "value": "ci", "effect": "NoSchedule"}], got ${showValue(list)}`
    );
  }
  const errs = [];
  const out = [];
  list.forEach((item, i) => {
    const at = `toleration #${i + 1}`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      errs.push(`${at}: must be a map with key, operator, value and effect, got ${showValue(item)}`);
      return;
    }
    const fields = item;
    const t = {};
    const before = errs.length;
    for (const [name, value] of Object.entries(fields)) {
      if (!TOLERATION_FIELDS.includes(name)) {
        errs.push(
          `${at}: unknown field ${showValue(name)}${didYouMean(name, TOLERATION_FIELDS)}; the fields are ${TOLERATION_FIELDS.join(", ")}`
        );
        continue;
      }
      if (name === "tolerationSeconds") {
        if (typeof value !== "number" || !Number.isSafeInteger(value)) {
          errs.push(`${at}: tolerationSeconds must be a whole number of seconds, got ${showValue(value)}`);
        } else t.tolerationSeconds = value;
        continue;
      }
      if (typeof value !== "string") {
        errs.push(`${at}: ${name} must be a string, got ${showValue(value)}${quoteHint(value)}`);
        continue;
      }
      if (name === "key") {
        if (value !== "")
          labelKeyErrors(value).forEach((e) => errs.push(`${at}: key ${showValue(value)}: ${e}`));
        t.key = value;
      } else if (name === "operator") {
        if (!OPERATORS.includes(value)) {
          errs.push(
            `${at}: operator must be "Exists" or "Equal", got ${showValue(value)}${didYouMean(value, OPERATORS)}`
          );
        } else t.operator = value;
      } else if (name === "effect") {
        if (value !== "" && !EFFECTS.includes(value)) {
          errs.push(
            `${at}: effect must be "NoSchedule", "PreferNoSchedule" or "NoExecute", got ${showValue(value)}${didYouMean(value, EFFECTS)}`
          );
        } else if (value !== "") t.effect = value;
      } else {
        t.value = value;
      }
    }
    if (errs.length > before) return;
    const operator = t.operator ?? "Equal";
    if ((t.key ?? "") === "" && operator !== "Exists") {
      errs.push(
        `${at}: operator must be Exists when \`key\` is empty, which means "match all values and all keys"`
      );
    }
    if (operator === "Exists" && (t.value ?? "") !== "") {
      errs.push(`${at}: value must be empty when \`operator\` is 'Exists'`);
    }
    if (operator === "Equal" && t.value !== void 0) {
      labelValueErrors(t.value).forEach((e) => errs.push(`${at}: value ${showValue(t.value)}: ${e}`));
    }
    if (t.tolerationSeconds !== void 0 && t.effect !== "NoExecute") {
      errs.push(`${at}: effect must be 'NoExecute' when \`tolerationSeconds\` is set`);
    }
    out.push(t);
  });
  return errs.length > 0 ? fail(...errs) : ok(out);
}

// src/cli/settings.ts
var ACTION_DEFAULTS = {
  image: "busybox:1.36",
  timeout: "5s",
  "ready-timeout": "60s",
  attempts: "3",
  "namespace-prefix": "canary-test-",
  "refused-means-denied": "false",
  "fail-on-mismatch": "true",
  concurrency: "32",
  "max-enforcement-delay": "",
  context: "",
  "kubectl-version": "",
  "image-pull-secret": "",
  "node-selector": "",
  tolerations: ""
};
var SETTING_FLAGS = [
  "timeout",
  "ready-timeout",
  "attempts",
  "namespace-prefix",
  "image",
  "concurrency",
  "max-enforcement-delay",
  "context",
  "image-pull-secret",
  "node-selector",
  "tolerations"
];
var SETTING_SWITCHES = ["refused-means-denied"];
function settingsFromFlags(flags, switches) {
  const get = (name) => {
    if (SETTING_SWITCHES.includes(name)) {
      return switches.has(name) ? "true" : ACTION_DEFAULTS[name] ?? "";
    }
    if (SETTING_FLAGS.includes(name) && flags[name] !== void 0)
      return flags[name] ?? "";
    return ACTION_DEFAULTS[name] ?? "";
  };
  const r = parseSettings(get);
  if (r.ok) return r;
  return { ok: false, errors: r.errors.map((e) => e.replace(/^input "([^"]+)": /, "--$1: ")) };
}

// src/cli/generate-command.ts
var GENERATE_HELP = renderHelp({
  usage: "netpol-canary generate (--manifests DIR | --from-cluster) [--out FILE] [options]",
  about: [
    "Writes a matrix from the manifests: every workload (one canary per distinct label set in a",
    "namespace) and a labelless outsider, against every TCP Service port, kube-dns and one name",
    "outside the cluster. Each expectation is what the policies predict, and each test has the",
    "policy that decides it as a comment. Review it, commit it, and verify it with `run`.",
    "Exit code: 0 written; 1 the cluster could not be read; 2 the options or the manifests are not",
    "valid."
  ],
  options: [
    ["--manifests DIR", "folder (or file) of manifests"],
    [
      "--from-cluster",
      "read the current cluster instead, read-only (list namespaces, pods,\nServices and NetworkPolicies across all namespaces)"
    ],
    ["--out FILE", "write the matrix here (default: print it)"],
    ["--namespaces A,B", "only workloads and Services in these namespaces"],
    ["--max-tests N", "at most N tests"],
    ["--per-pair N", "at most N ports of one Service per workload"],
    [
      "--outsider NS",
      `the namespace of the labelless canary (default ${DEFAULT_OUTSIDER});
"none" for no outsider`
    ],
    ["--external URL", `the target outside the cluster (default ${DEFAULT_EXTERNAL})`],
    [
      "--namespace-prefix P",
      "missing namespaces with this prefix are ones a run creates\n(default canary-test-)"
    ],
    ...CONNECTION_OPTIONS,
    HELP_OPTION
  ]
});
var FLAGS = [
  "manifests",
  "out",
  "namespaces",
  "max-tests",
  "per-pair",
  "outsider",
  "external",
  "namespace-prefix"
];
var GENERATE_SPEC = { flags: [...FLAGS, ...CONNECTION_FLAGS], switches: ["help", "from-cluster"] };
async function generateCommand(argv, io = stdio) {
  const start = startCommand(argv, io, { name: "generate", spec: GENERATE_SPEC, help: GENERATE_HELP });
  if ("exit" in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  const bad = (why) => usageError(io, "generate", why, GENERATE_HELP);
  if (positionals.length > 0) {
    return bad(
      `unexpected argument ${JSON.stringify(positionals[0])}; give the manifests as --manifests DIR`
    );
  }
  const fromCluster = switches.has("from-cluster");
  if (fromCluster && flags.manifests) return bad("give either --manifests DIR or --from-cluster, not both");
  if (!fromCluster && !flags.manifests) {
    return bad("--manifests DIR (the folder of manifests) or --from-cluster is required");
  }
  const count = (name) => {
    const v = flags[name];
    if (v === void 0) return void 0;
    return /^[1-9]\d{0,5}$/.test(v) ? Number(v) : `--${name} must be a whole number from 1, got ${JSON.stringify(v)}`;
  };
  const maxTests = count("max-tests");
  const perPair = count("per-pair");
  for (const v of [maxTests, perPair]) if (typeof v === "string") return bad(v);
  if (flags.external !== void 0) {
    const target = parseTarget(flags.external);
    if (!target.ok) return bad(`--external: ${target.errors.join("; ")}`);
  }
  if (flags.out === "") return bad("--out needs a file name");
  const settings = settingsFromFlags(
    flags["namespace-prefix"] !== void 0 ? { "namespace-prefix": flags["namespace-prefix"] } : {},
    /* @__PURE__ */ new Set()
  );
  if (!settings.ok) {
    io.err("netpol-canary generate: nothing was generated, because:");
    for (const e of settings.errors) io.err(`  - ${e}`);
    return 2;
  }
  let snapshot;
  if (fromCluster) {
    const c = connect(
      { kubeconfig: flags.kubeconfig, kubectl: flags.kubectl, context: flags.context, concurrency: 4 },
      io.env
    );
    if ("error" in c) return bad(c.error);
    const read = await readCluster(c.kubectl);
    if (!read.ok) {
      io.err(`netpol-canary generate: nothing was generated: ${read.error}`);
      return 1;
    }
    snapshot = read.snapshot;
  } else {
    const manifests = await loadManifests(flags.manifests ?? "");
    if (manifests.errors.length > 0) {
      io.err("netpol-canary generate: nothing was generated, because:");
      for (const e of manifests.errors) io.err(`  - --manifests: ${e}`);
      return 2;
    }
    for (const w of manifests.warnings) io.err(`warning: ${w}`);
    snapshot = manifests.snapshot;
  }
  const namespaces = flags.namespaces?.split(",").map((n) => n.trim()).filter(Boolean);
  const generated = generateMatrix(snapshot, {
    ...namespaces ? { namespaces } : {},
    ...typeof maxTests === "number" ? { maxTests } : {},
    ...typeof perPair === "number" ? { perPair } : {},
    ...flags.outsider !== void 0 ? { outsider: flags.outsider === "none" ? false : flags.outsider } : {},
    ...flags.external !== void 0 ? { external: flags.external } : {},
    namespacePrefix: settings.value.namespacePrefix
  });
  if (generated.tests.length === 0) {
    io.err(
      "netpol-canary generate: no test could be generated: the manifests describe no workload or Service in scope"
    );
    return 2;
  }
  for (const w of generated.warnings) io.err(`warning: ${w}`);
  if (flags.out === void 0) {
    io.stdout.write(generated.text);
    return 0;
  }
  try {
    writeFileSync(flags.out, generated.text);
  } catch (e) {
    io.err(`netpol-canary generate: cannot write ${flags.out}: ${e.message}`);
    return 2;
  }
  const left = generated.leftOut.length + generated.dropped;
  io.err(
    `wrote ${generated.tests.length} tests to ${flags.out}${left > 0 ? ` (${left} left out: see its header)` : ""}`
  );
  return 0;
}

// src/cli/output.ts
import {
  accessSync as accessSync2,
  constants as fsConstants,
  mkdirSync,
  readFileSync as readFileSync2,
  statSync as statSync4,
  writeFileSync as writeFileSync2
} from "node:fs";
import { dirname, resolve } from "node:path";

// src/matrix/plan.ts
function labelsKey(labels) {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k] ?? ""}`).join(",");
}
function groupIntoCanaries(tests) {
  const groups = /* @__PURE__ */ new Map();
  for (const test of tests) {
    const key = `${test.from}|${labelsKey(test.labels)}|${test.node ?? ""}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, namespace: test.from, labels: { ...test.labels }, tests: [] };
      if (test.node !== void 0) group.node = test.node;
      groups.set(key, group);
    }
    group.tests.push(test);
  }
  return [...groups.values()];
}
function testList(tests) {
  const shown = tests.slice(0, 5).map((t) => showValue(t.name));
  const more = tests.length > 5 ? ` and ${tests.length - 5} more` : "";
  return `${tests.length === 1 ? "test" : "tests"} ${shown.join(", ")}${more}`;
}
function checkNamespaces(matrix, existing, prefix) {
  const bySource = /* @__PURE__ */ new Map();
  for (const t of matrix.tests) {
    const list = bySource.get(t.from) ?? [];
    list.push(t);
    bySource.set(t.from, list);
  }
  const create = [];
  const present = [];
  const errors = [];
  for (const [ns, tests] of bySource) {
    const declared = Object.hasOwn(matrix.namespaces, ns) ? matrix.namespaces[ns] : void 0;
    if (existing.has(ns)) {
      present.push(ns);
      if (declared && Object.keys(declared.labels).length > 0) {
        errors.push(
          `namespace ${showValue(ns)} already exists, but the matrix gives it labels under "namespaces:" (${labelsKey(declared.labels)}); the action never relabels a namespace it did not create: remove those labels, or label the namespace yourself`
        );
      }
    } else if (prefix !== "" && ns.startsWith(prefix)) {
      create.push(ns);
    } else {
      errors.push(
        `namespace ${showValue(ns)} does not exist (used by ${testList(tests)}); the action creates only namespaces whose names start with the namespace-prefix ${showValue(prefix)}: create it first, or rename it to start with ${showValue(prefix)}`
      );
    }
  }
  return errors.length > 0 ? fail(...errors) : ok({ create, existing: present });
}
var ALWAYS_THERE = ["kubernetes.io/metadata.name", MANAGED_BY_KEY];
function sharedLabelsConflict(name, actual, declared) {
  const own = (labels) => Object.fromEntries(Object.entries(labels).filter(([k]) => !ALWAYS_THERE.includes(k)));
  const have = own(actual);
  const want = own(declared);
  if (labelsKey(have) === labelsKey(want)) return void 0;
  const show = (labels) => Object.keys(labels).length ? `{${labelsKey(labels)}}` : "none";
  return `namespace ${name} was created by another run of netpol-canary with the labels ${show(have)}, but this matrix declares ${show(want)}: its tests would be judged with the other run's labels. Declare the same labels for it under "namespaces:" in both matrices, or use another namespace name.`;
}
function denyWithoutAllowWarnings(tests) {
  const byAddress = /* @__PURE__ */ new Map();
  for (const t of tests) {
    const hp = targetHostPort(t.target);
    const list = byAddress.get(hp) ?? [];
    list.push(t);
    byAddress.set(hp, list);
  }
  const warnings = [];
  for (const [hp, list] of byAddress) {
    const unacknowledged = list.filter((t) => t.control !== "none");
    if (unacknowledged.length > 0 && list.every((t) => t.expect === "deny")) {
      warnings.push(
        `only deny tests target ${hp} (${testList(unacknowledged)}): a deny also passes when the address is wrong (a mistyped IP address or port just times out); add an allow test to ${hp} from a source that may reach it, to prove the address works, or write control: none in the test to say you know`
      );
    }
  }
  return warnings;
}

// src/matrix/parse-matrix.ts
var MAX_TESTS = 5e3;
var MAX_MATRIX_BYTES = 1024 * 1024;
var MAX_NAME_LENGTH = 200;
var MAX_ERRORS_LISTED = 100;
var TEST_FIELDS = ["name", "from", "labels", "to", "expect", "node", "control"];
var TOP_FIELDS = ["namespaces", "tests"];
var NAMESPACE_FIELDS = ["labels"];
function defaultTestName(from, to, labels = {}, node) {
  const key = labelsKey(labels);
  return `${from}${key === "" ? "" : ` [${key}]`}${node === void 0 ? "" : ` on ${node}`} -> ${to}`;
}
function parseMatrix(text, source) {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_MATRIX_BYTES) {
    return fail(`${source}: the matrix is ${bytes} bytes; the limit is 1 MiB (${MAX_MATRIX_BYTES} bytes)`);
  }
  const y = readYamlText(text, source);
  if (!y.ok) return y;
  const errors = [];
  const at = (path, which = "value") => `${source}, line ${y.value.line(path, which)}`;
  const doc = y.value.value;
  let testsValue;
  let testsPath;
  let namespacesValue;
  if (Array.isArray(doc)) {
    testsValue = doc;
    testsPath = [];
  } else if (isMap2(doc)) {
    for (const key of Object.keys(doc)) {
      if (!TOP_FIELDS.includes(key)) {
        errors.push(
          `${at([key], "key")}: unknown field ${showValue(key)}${didYouMean(key, TOP_FIELDS)}; a matrix has "tests" and, optionally, "namespaces"`
        );
      }
    }
    if (!Object.hasOwn(doc, "tests")) {
      errors.push(`${source}: the matrix has no "tests" list; write tests: followed by a list of tests`);
      return capped(errors);
    }
    testsValue = doc.tests;
    testsPath = ["tests"];
    namespacesValue = doc.namespaces;
  } else if (doc === null || doc === void 0) {
    return fail(`${source}: the matrix is empty; write a list of tests, each with from, to and expect`);
  } else {
    return fail(
      `${source}: the matrix must be a list of tests, or a map with "tests" (and optionally "namespaces"), got ${showValue(doc)}`
    );
  }
  if (!Array.isArray(testsValue)) {
    errors.push(`${at(testsPath)}: "tests" must be a list of tests, got ${showValue(testsValue)}`);
    return capped(errors);
  }
  if (testsValue.length === 0) {
    errors.push(
      `${at(testsPath)}: the list of tests is empty; add at least one test with from, to and expect`
    );
    return capped(errors);
  }
  if (testsValue.length > MAX_TESTS) {
    errors.push(`${at(testsPath)}: the matrix has ${testsValue.length} tests; the limit is ${MAX_TESTS}`);
    return capped(errors);
  }
  const tests = [];
  const names = [];
  testsValue.forEach((item, index) => {
    const r = readTest(item, index, [...testsPath, index], at, errors);
    if (r.test) r.test.line = y.value.line([...testsPath, index]);
    names.push(r.name);
    if (r.test) tests.push(r.test);
  });
  const firstWithName = /* @__PURE__ */ new Map();
  names.forEach((name, index) => {
    if (name === void 0) return;
    const first = firstWithName.get(name);
    if (first === void 0) {
      firstWithName.set(name, index);
      return;
    }
    const item = testsValue[index];
    const why = isMap2(item) && typeof item.name === "string" ? "names must be unique: rename one of them" : 'this test has no name, so its name was made from "from", "labels" and "to", and the two test the same thing: remove one, or add a name: to tell them apart';
    errors.push(
      `${at([...testsPath, index])}: test #${index + 1} (${showValue(name)}): the name is already used by test #${first + 1} (line ${y.value.line([...testsPath, first])}); ${why}`
    );
  });
  const froms = testsValue.flatMap(
    (item) => isMap2(item) && typeof item.from === "string" ? [item.from] : []
  );
  const namespaces = readNamespaces(namespacesValue, froms, y.value, source, errors);
  if (errors.length > 0) return capped(errors);
  return ok({ namespaces, tests });
}
function capped(errors) {
  const lineOf = (e) => Number(/^[^\n]*?, line (\d+)/.exec(e)?.[1] ?? Infinity);
  const sorted = errors.map((e, i) => ({ e, i, line: lineOf(e) })).sort((a, b) => a.line - b.line || a.i - b.i).map(({ e }) => e);
  if (sorted.length <= MAX_ERRORS_LISTED) return fail(...sorted);
  return fail(...sorted.slice(0, MAX_ERRORS_LISTED), `… and ${sorted.length - MAX_ERRORS_LISTED} more`);
}
function isMap2(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);
}
function readTest(item, index, path, at, errors) {
  const n = index + 1;
  if (!isMap2(item)) {
    errors.push(`${at(path)}: test #${n}: must be a map with from, to and expect, got ${showValue(item)}`);
    return {};
  }
  const explicitName = typeof item.name === "string" ? item.name : void 0;
  const from = typeof item.from === "string" ? item.from : void 0;
  const to = typeof item.to === "string" ? item.to : void 0;
  const rawLabels = isMap2(item.labels) ? item.labels : {};
  const shownLabels = Object.fromEntries(
    Object.entries(rawLabels).flatMap(([k, v]) => typeof v === "string" ? [[k, v]] : [])
  );
  const rawNode = typeof item.node === "string" ? item.node : void 0;
  const name = explicitName ?? (from !== void 0 && to !== void 0 ? defaultTestName(from, to, shownLabels, rawNode) : void 0);
  const header = `test #${n}${name === void 0 ? "" : ` (${showValue(name)})`}`;
  const before = errors.length;
  const fieldError = (field2, msg, which = "value") => {
    errors.push(`${at([...path, field2], which)}: ${header}, field ${JSON.stringify(field2)}: ${msg}`);
  };
  const misspelled = new Set(
    Object.keys(item).filter((key) => !TEST_FIELDS.includes(key)).map((key) => suggest(key, TEST_FIELDS))
  );
  const missing = (field2, how) => {
    if (misspelled.has(field2)) return;
    errors.push(`${at(path)}: ${header}: the field ${JSON.stringify(field2)} is missing; ${how}`);
  };
  for (const key of Object.keys(item)) {
    if (!TEST_FIELDS.includes(key)) {
      fieldError(
        key,
        `unknown field${didYouMean(key, TEST_FIELDS)}; the fields are ${TEST_FIELDS.join(", ")}`,
        "key"
      );
    }
  }
  if (Object.hasOwn(item, "name")) {
    if (explicitName === void 0)
      fieldError("name", `must be a string, got ${showValue(item.name)}${quoteHint(item.name)}`);
    else if (explicitName.trim() === "")
      fieldError("name", 'must not be empty; leave it out to use "<from> [<labels>] -> <to>"');
    else if (explicitName.length > MAX_NAME_LENGTH) {
      fieldError("name", `is ${explicitName.length} characters long; the limit is ${MAX_NAME_LENGTH}`);
    } else if (/[\u0000-\u001f\u007f]/.test(explicitName))
      fieldError("name", "must be one line, without control characters");
  }
  if (!Object.hasOwn(item, "from"))
    missing("from", "write the source namespace, as in from: canary-test-frontend");
  else if (from === void 0) fieldError("from", `must be a namespace name, got ${showValue(item.from)}`);
  else for (const m of namespaceNameErrors(from)) fieldError("from", `${showValue(from)}: ${m}`);
  const labels = readLabels2(
    item.labels,
    (msg, key) => errors.push(
      `${at(key === void 0 ? [...path, "labels"] : [...path, "labels", key], key === void 0 ? "value" : "key")}: ${header}, field "labels": ${msg}`
    )
  );
  let target;
  if (!Object.hasOwn(item, "to"))
    missing("to", "write the target, as in to: http://api.shop:8080/ or to: tcp://db.shop:5432");
  else if (to === void 0) fieldError("to", `must be a URL or tcp://host:port, got ${showValue(item.to)}`);
  else {
    const r = parseTarget(to);
    if (r.ok) target = r.value;
    else r.errors.forEach((e) => fieldError("to", e));
  }
  let expect;
  if (!Object.hasOwn(item, "expect")) missing("expect", "write expect: allow or expect: deny");
  else if (item.expect === "allow" || item.expect === "deny") expect = item.expect;
  else fieldError("expect", `must be "allow" or "deny", got ${showValue(item.expect)}`);
  let node;
  if (Object.hasOwn(item, "node")) {
    if (typeof item.node !== "string")
      fieldError("node", `must be a node name, got ${showValue(item.node)}${quoteHint(item.node)}`);
    else {
      node = item.node;
      for (const m of nodeNameErrors(node)) fieldError("node", `${showValue(node)}: ${m}`);
    }
  }
  let control;
  if (Object.hasOwn(item, "control")) {
    if (item.control !== "none")
      fieldError(
        "control",
        `must be "none" (no allow test proves this address, and you know it), got ${showValue(item.control)}`
      );
    else if (expect === "allow")
      fieldError("control", "only a deny test may say control: none; an allow test proves its own address");
    else control = "none";
  }
  if (errors.length > before || name === void 0 || from === void 0 || to === void 0) return { name };
  if (target === void 0 || expect === void 0 || labels === void 0) return { name };
  const test = { index, name, from, labels, to, target, expect };
  if (node !== void 0) test.node = node;
  if (control !== void 0) test.control = control;
  return { test, name };
}
function readLabels2(value, report) {
  if (value === void 0 || value === null) return {};
  if (!isMap2(value)) {
    report(`must be a map of label keys to values, as in { app: frontend }, got ${showValue(value)}`);
    return void 0;
  }
  let good = true;
  const entries = [];
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") {
      report(`the value of ${showValue(key)} must be a string, got ${showValue(v)}${quoteHint(v)}`, key);
      good = false;
      continue;
    }
    const errs = labelsErrors(Object.fromEntries([[key, v]]), "");
    errs.forEach((e) => report(e, key));
    if (errs.length > 0) good = false;
    entries.push([key, v]);
  }
  return good ? Object.fromEntries(entries) : void 0;
}
function readNamespaces(value, froms, y, source, errors) {
  const out = {};
  if (value === void 0 || value === null) return out;
  const at = (path, which = "value") => `${source}, line ${y.line(path, which)}`;
  if (!isMap2(value)) {
    errors.push(
      `${at(["namespaces"])}: "namespaces" must be a map of namespace names, as in { canary-test-web: { labels: { team: web } } }, got ${showValue(value)}`
    );
    return out;
  }
  const used = [...new Set(froms)];
  for (const [ns, entry] of Object.entries(value)) {
    const path = ["namespaces", ns];
    const head = `namespace ${showValue(ns)}`;
    const nameErrs = namespaceNameErrors(ns);
    nameErrs.forEach((m) => errors.push(`${at(path, "key")}: ${head}: ${m}`));
    let labels = {};
    if (entry !== null && entry !== void 0) {
      if (!isMap2(entry)) {
        errors.push(`${at(path)}: ${head}: must be a map with "labels", got ${showValue(entry)}`);
        continue;
      }
      for (const key of Object.keys(entry)) {
        if (!NAMESPACE_FIELDS.includes(key)) {
          errors.push(
            `${at([...path, key], "key")}: ${head}: unknown field ${showValue(key)}${didYouMean(key, NAMESPACE_FIELDS)}; the only field is "labels"`
          );
        }
      }
      labels = readLabels2(
        entry.labels,
        (msg, key) => errors.push(
          `${at(key === void 0 ? [...path, "labels"] : [...path, "labels", key], key === void 0 ? "value" : "key")}: ${head}, field "labels": ${msg}`
        )
      );
    }
    if (nameErrs.length > 0) continue;
    if (!used.includes(ns)) {
      errors.push(
        `${at(path, "key")}: ${head} is not the source ("from") of any test${didYouMean(ns, used)}; remove it or fix its name`
      );
      continue;
    }
    if (labels !== void 0)
      Object.defineProperty(out, ns, { value: { labels }, enumerable: true, writable: true });
  }
  return out;
}

// src/report/results.ts
function toResult(test, obs, decision, attempts, durationMs, explanation, enforcedAfterMs) {
  const result = {
    name: test.name,
    from: test.from,
    labels: { ...test.labels },
    to: test.to,
    expect: test.expect,
    actual: obs.actual,
    verdict: decision.verdict,
    detail: decision.detail,
    attempts,
    durationMs: Math.max(0, Math.round(durationMs))
  };
  if (enforcedAfterMs !== void 0) result.enforcedAfterMs = Math.max(0, Math.round(enforcedAfterMs));
  if (explanation !== void 0 && explanation.trim() !== "") result.explanation = explanation;
  return result;
}
var ORDER = { fail: 0, inconclusive: 1, pass: 2 };
function sortForReport(results) {
  return results.map((r, i) => ({ r, i })).sort((a, b) => ORDER[a.r.verdict] - ORDER[b.r.verdict] || a.i - b.i).map(({ r }) => r);
}

// src/report/junit.ts
var NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
function xmlText(text) {
  return text.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function xmlAttr(text) {
  return xmlText(text).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}
var seconds2 = (ms) => (Math.max(0, ms) / 1e3).toFixed(3);
function classnameOf(r) {
  const labels = labelsKey(r.labels);
  return labels === "" ? r.from : `${r.from} [${labels}]`;
}
function renderJUnit(results, opts = {}) {
  const suite = opts.suiteName ?? "netpol-canary";
  const failures = results.filter((r) => r.verdict === "fail").length;
  const errors = results.filter((r) => r.verdict === "inconclusive").length;
  const time = seconds2(opts.wallTimeMs ?? results.reduce((sum, r) => sum + r.durationMs, 0));
  const counts = `tests="${results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${time}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(suite)}" ${counts.replace(' skipped="0"', "")}>`,
    `  <testsuite name="${xmlAttr(suite)}" ${counts}>`
  ];
  const props = Object.entries(opts.properties ?? {}).filter(
    (e) => e[1] !== void 0 && e[1] !== ""
  );
  if (props.length > 0) {
    lines.push("    <properties>");
    for (const [name, value] of props)
      lines.push(`      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`);
    lines.push("    </properties>");
  }
  const lineOf = new Map((opts.tests ?? []).map((t) => [t.name, t.line]));
  for (const r of sortForReport(results)) {
    const line = lineOf.get(r.name);
    const place = opts.file !== void 0 && line !== void 0 ? ` file="${xmlAttr(opts.file)}" line="${line}"` : "";
    const open = `    <testcase name="${xmlAttr(r.name)}" classname="${xmlAttr(classnameOf(r))}" time="${seconds2(r.durationMs)}"${place}`;
    const labels = labelsKey(r.labels);
    const body = [
      `from: namespace ${r.from}${labels === "" ? "" : `, labels ${labels}`}`,
      `to: ${r.to}`,
      `expected: ${r.expect}, actual: ${r.actual}, attempts: ${r.attempts}`,
      r.detail,
      ...r.explanation !== void 0 && r.explanation !== "" ? [`why: ${r.explanation}`] : []
    ].join("\n");
    const message = `expected ${r.expect}, got ${r.actual}`;
    if (r.verdict === "pass") {
      lines.push(`${open}>`, `      <system-out>${xmlText(body)}</system-out>`, "    </testcase>");
    } else {
      const tag = r.verdict === "fail" ? "failure" : "error";
      lines.push(
        `${open}>`,
        `      <${tag} message="${xmlAttr(message)}" type="${r.verdict === "fail" ? "fail" : "inconclusive"}">${xmlText(body)}</${tag}>`,
        "    </testcase>"
      );
    }
  }
  lines.push("  </testsuite>", "</testsuites>", "");
  return lines.join("\n");
}

// src/cli/output.ts
function readMatrixFile(path, what = "the matrix file") {
  const info = statSync4(path, { throwIfNoEntry: false });
  if (!info) return { ok: false, errors: [`${what} ${path} does not exist (looked for ${resolve(path)})`] };
  if (!info.isFile())
    return { ok: false, errors: [`${what} ${path} is not a file; give a YAML or JSON matrix`] };
  if (info.size > MAX_MATRIX_BYTES) {
    return {
      ok: false,
      errors: [`${what} ${path} is ${info.size} bytes; at most 1 MiB is accepted, split it`]
    };
  }
  let text;
  try {
    text = readFileSync2(path, "utf8");
  } catch (e) {
    return { ok: false, errors: [`${what} ${path} could not be read: ${e.message}`] };
  }
  return parseMatrix(text, path);
}
function junitPathProblem(path) {
  const full = resolve(path);
  const kind = (p) => {
    try {
      return statSync4(p).isDirectory() ? "dir" : "file";
    } catch {
      return void 0;
    }
  };
  if (kind(full) === "dir")
    return `--junit ${path}: that is a folder; give a file name, such as ${path.replace(/\/+$/, "")}/report.xml`;
  let dir = dirname(full);
  while (kind(dir) === void 0 && dirname(dir) !== dir) dir = dirname(dir);
  if (kind(dir) === "file") return `--junit ${path}: ${dir} is a file, not a folder`;
  try {
    accessSync2(dir, fsConstants.W_OK);
  } catch {
    return `--junit ${path}: cannot write in ${dir}`;
  }
  return void 0;
}
function writeJunit(path, results, opts = {}) {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync2(path, renderJUnit(results, { suiteName: "netpol-canary", ...opts }));
    return void 0;
  } catch (e) {
    return `the JUnit report could not be written to ${path} (--junit): ${e.message}`;
  }
}
function wantsColor(isTTY, env) {
  return isTTY && !env.NO_COLOR && env.TERM !== "dumb";
}
var SGR = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 };
function paint(on, style, text) {
  return on ? `\x1B[${SGR[style]}m${text}\x1B[0m` : text;
}
var MARK = { pass: "✓", fail: "✗", inconclusive: "?" };
var STYLE = { pass: "green", fail: "red", inconclusive: "yellow" };
function oneLine(text) {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}
function sourceText2(r) {
  const labels = labelsKey(r.labels);
  return labels === "" ? r.from : `${r.from} [${labels}]`;
}
var MAX_COLUMN = 56;
function renderTable(results, opts) {
  const head = ["VERDICT", "FROM [LABELS]", "TO", "EXPECT", "ACTUAL", "DETAIL"];
  const rows = sortForReport(results).map((r) => ({
    r,
    cells: [
      `${MARK[r.verdict]} ${r.verdict}`,
      oneLine(sourceText2(r)),
      oneLine(r.to),
      r.expect,
      r.actual,
      oneLine(r.detail)
    ]
  }));
  const widths = head.map(
    (h, i) => Math.min(MAX_COLUMN, Math.max(h.length, ...rows.map((row) => (row.cells[i] ?? "").length)))
  );
  const line = (cells, verdict) => cells.map((c, i) => {
    const padded = i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0);
    return i === 0 && verdict ? paint(opts.color, STYLE[verdict], padded) : padded;
  }).join("  ").trimEnd();
  const indent = " ".repeat((widths[0] ?? 0) + 2);
  const out = [paint(opts.color, "bold", line(head))];
  for (const { r, cells } of rows) {
    out.push(line(cells, r.verdict));
    const notes = [];
    if (r.verdict !== "pass" && r.name !== defaultTestName(r.from, r.to, r.labels))
      notes.push(`test: ${oneLine(r.name)}`);
    if (r.explanation && (opts.explainAll || r.verdict !== "pass") && !r.detail.includes(r.explanation))
      notes.push(`why: ${oneLine(r.explanation)}`);
    for (const n of notes) out.push(paint(opts.color, "dim", `${indent}${n}`));
  }
  return out.join("\n");
}
function totalsLine(results) {
  const c = summarize(results);
  return `${c.total} test${c.total === 1 ? "" : "s"}: ${c.passed} passed, ${c.failed} failed, ${c.inconclusive} inconclusive`;
}
function exitCodeFor(results) {
  return results.every((r) => r.verdict === "pass") ? 0 : 1;
}
function resultsJson(results) {
  return JSON.stringify(results, null, 2);
}

// src/cli/predict-command.ts
var PREDICT_HELP = renderHelp({
  usage: "netpol-canary predict MATRIX_FILE --manifests DIR [options]",
  about: [
    "Decides every test of the matrix from the NetworkPolicies, Namespaces, workloads and Services",
    "in the manifests (a folder of YAML or JSON files, read recursively, or one file), and says why.",
    "Nothing is deployed: a prediction shows what the policies say, a run what the network does.",
    "Exit code: 0 all predicted to pass; 1 something would fail or cannot be predicted; 2 the",
    "options, the matrix or the manifests are not valid."
  ],
  options: [
    ["--manifests DIR", "folder (or file) of manifests"],
    ["--matrix FILE", "the matrix file, instead of MATRIX_FILE"],
    [
      "--namespace-prefix P",
      "missing source namespaces with this prefix are ones a run would create\n(default canary-test-)"
    ],
    ["--json", "print only the results, as JSON, on stdout"],
    ["--junit FILE", "also write a JUnit XML report"],
    HELP_OPTION
  ]
});
var PREDICT_SPEC = {
  flags: ["manifests", "matrix", "namespace-prefix", "junit"],
  switches: ["json", "help"]
};
async function predictCommand(argv, io = stdio) {
  const start = startCommand(argv, io, { name: "predict", spec: PREDICT_SPEC, help: PREDICT_HELP });
  if ("exit" in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  const given = matrixArgument(positionals, flags, "");
  if ("error" in given && given.error !== "") return usageError(io, "predict", given.error, PREDICT_HELP);
  const missing = [
    ...flags.manifests ? [] : ["--manifests DIR (the folder of manifests)"],
    ..."file" in given ? [] : ["MATRIX_FILE (the matrix)"]
  ];
  if (missing.length > 0) {
    const are = missing.length > 1 ? "are" : "is";
    return usageError(io, "predict", `${missing.join(" and ")} ${are} required`, PREDICT_HELP);
  }
  if (flags.junit === "") return usageError(io, "predict", "--junit needs a file name", PREDICT_HELP);
  const junitProblem = flags.junit === void 0 ? void 0 : junitPathProblem(flags.junit);
  if (junitProblem) return usageError(io, "predict", junitProblem, PREDICT_HELP);
  const settings = settingsFromFlags(
    flags["namespace-prefix"] !== void 0 ? { "namespace-prefix": flags["namespace-prefix"] } : {},
    /* @__PURE__ */ new Set()
  );
  const matrix = readMatrixFile("file" in given ? given.file : "");
  const manifests = await loadManifests(flags.manifests ?? "");
  const errors = [
    ...settings.ok ? [] : settings.errors,
    ...matrix.ok ? [] : matrix.errors,
    ...manifests.errors.map((e) => `--manifests: ${e}`)
  ];
  if (errors.length > 0 || !matrix.ok || !settings.ok) {
    io.err("netpol-canary predict: nothing was predicted, because:");
    for (const e of errors) io.err(`  - ${e}`);
    return 2;
  }
  for (const w of manifests.warnings) io.err(`warning: ${w}`);
  const results = predictMatrix(manifests.snapshot, matrix.value, {
    namespacePrefix: settings.value.namespacePrefix
  });
  const junitError = flags.junit !== void 0 ? writeJunit(flags.junit, results, {
    properties: { mode: "predict", manifests: flags.manifests },
    tests: matrix.value.tests,
    file: flags.matrix
  }) : void 0;
  if (switches.has("json")) {
    io.out(resultsJson(results));
  } else {
    const color = wantsColor(io.stdout.isTTY, io.env);
    io.out(
      `${renderTable(results, { color, explainAll: true })}

${totalsLine(results)} (predicted from the manifests, no probe ran)`
    );
  }
  if (junitError) io.err(junitError);
  return Math.max(exitCodeFor(results), junitError ? 1 : 0);
}

// src/cluster/cleanup.ts
async function cleanupRun(k, opts) {
  const report = { deletedPods: [], deletedNamespaces: [], problems: [] };
  const left = () => Math.max(1e3, Math.min(3e4, opts.deadline - Date.now()));
  const namespaces = [...new Set(opts.namespaces)];
  const deletePods = async (namespace) => {
    const r = await k.run({
      // only pods carrying this run's labels: never anything else
      args: [
        "delete",
        "pods",
        "-n",
        namespace,
        "-l",
        runSelector(opts.run),
        "--wait=false",
        "--ignore-not-found",
        "-o",
        "name"
      ],
      timeoutMs: left(),
      deadline: opts.deadline,
      idempotent: true
    });
    if (r.code === 0) {
      for (const line of r.stdout.split("\n")) {
        const m = /^pod\/(\S+)$/.exec(line.trim());
        if (m) report.deletedPods.push(`${namespace}/${m[1]}`);
      }
    } else if (!/NotFound|not found/.test(r.stderr)) {
      report.problems.push(
        describeFailure(`canaries in namespace ${namespace} (pods labelled ${runSelector(opts.run)})`, r)
      );
    }
  };
  const prefixed = namespaces.filter((n) => opts.prefix && n.startsWith(opts.prefix));
  const elsewhere = Promise.all(namespaces.filter((n) => !prefixed.includes(n)).map(deletePods));
  const ns = await releaseNamespaces(k, prefixed, {
    run: opts.run,
    prefix: opts.prefix,
    now: () => /* @__PURE__ */ new Date(),
    deadline: opts.deadline,
    ...opts.known ? { known: opts.known } : {}
  });
  const gone = new Set(ns.deleted);
  await Promise.all([elsewhere, ...prefixed.filter((n) => !gone.has(n)).map(deletePods)]);
  report.deletedNamespaces.push(...ns.deleted);
  for (const f of ns.failed) report.problems.push(`namespace ${f.name}: ${f.error}`);
  return report;
}
function describeCleanup(report) {
  const pods = `${report.deletedPods.length} canary pod(s) deleted`;
  if (report.deletedNamespaces.length === 0) return `${pods}.`;
  return `${pods}, and namespace(s) ${report.deletedNamespaces.join(", ")} with the canaries in them.`;
}

// src/cli/gate.ts
var WRITES = /* @__PURE__ */ new Set(["create", "apply", "patch", "replace", "label", "annotate", "delete"]);
function gateKubectl(inner) {
  const stop = new AbortController();
  const writes = /* @__PURE__ */ new Set();
  const run = (call) => {
    if (stop.signal.aborted) return new Promise(() => {
    });
    if (WRITES.has(call.args[0] ?? "")) {
      const p = inner.run(call);
      writes.add(p);
      void p.finally(() => writes.delete(p));
      return p;
    }
    const signal = call.signal ? AbortSignal.any([call.signal, stop.signal]) : stop.signal;
    return inner.run({ ...call, signal });
  };
  return {
    kubectl: { run, stats: () => inner.stats() },
    async shut(maxWaitMs) {
      stop.abort();
      let timer;
      const waited = new Promise((r) => timer = setTimeout(r, maxWaitMs));
      await Promise.race([Promise.allSettled([...writes]), waited]);
      clearTimeout(timer);
      inner.stopAll?.();
    }
  };
}

// src/cli/progress.ts
var CLEAR_LINE = "\r\x1B[K";
var MARK_STYLE = { "✓": "green", "✗": "red", "?": "yellow" };
function createProgress(sink, warn) {
  const started = Date.now();
  let total = 0;
  let done = 0;
  let showing = false;
  let stopped = false;
  let timer;
  const status = () => {
    const seconds3 = Math.floor((Date.now() - started) / 1e3);
    const of = total > 0 ? `${done}/${total} canaries done` : "starting";
    return paint(sink.color, "dim", `… ${of}, ${seconds3} s`);
  };
  const clear = () => {
    if (showing) sink.write(CLEAR_LINE);
    showing = false;
  };
  const draw = () => {
    if (!sink.isTTY || stopped) return;
    sink.write(`${showing ? CLEAR_LINE : ""}${status()}`);
    showing = true;
  };
  const print = (lines) => {
    clear();
    for (const l of lines) sink.write(`${l}
`);
    draw();
  };
  if (sink.isTTY) {
    timer = setInterval(draw, 1e3);
    timer.unref();
  }
  return {
    info: (line) => print([line]),
    warning(line) {
      clear();
      warn(line);
      draw();
    },
    canary(title, lines) {
      if (stopped) return;
      done++;
      const counter = total > 0 ? `[${done}/${total}] ` : "";
      print([
        paint(sink.color, "bold", `${counter}${title}`),
        ...lines.map((l) => {
          const style = MARK_STYLE[l.charAt(0)];
          return `  ${style ? paint(sink.color, style, l) : l}`;
        })
      ]);
    },
    expect(canaries) {
      total = canaries;
      draw();
    },
    stop() {
      stopped = true;
      clear();
      if (timer) clearInterval(timer);
    }
  };
}

// src/run/run-matrix.ts
import { randomBytes as randomBytes2 } from "node:crypto";

// src/cluster/pod-status.ts
function hasStarted(pod) {
  return (pod.status?.containerStatuses ?? []).some((c) => c.state?.running || c.state?.terminated);
}
function containerEnded(pod) {
  const statuses = pod.status?.containerStatuses ?? [];
  return statuses.length > 0 && statuses.every((c) => c.state?.terminated !== void 0);
}
function isFinished(pod) {
  return pod.status?.phase === "Failed" || pod.status?.phase === "Succeeded" || Boolean(pod.metadata.deletionTimestamp);
}
function notReadyReason(pod) {
  if (!pod) return "the pod was never seen by the watch";
  const status = pod.status ?? {};
  if (pod.metadata.deletionTimestamp) return "the pod is being deleted";
  for (const c of status.containerStatuses ?? []) {
    const waiting = c.state?.waiting;
    if (waiting?.reason && waiting.reason !== "ContainerCreating") {
      return `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ""}`;
    }
    const term = c.state?.terminated;
    if (term) {
      const why = term.reason ?? `exit code ${term.exitCode ?? "unknown"}`;
      return `container ended (${why})${term.message ? `: ${term.message}` : ""}`;
    }
  }
  const scheduled = (status.conditions ?? []).find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False") {
    return `${scheduled.reason ?? "not scheduled"}${scheduled.message ? `: ${scheduled.message}` : ""}`;
  }
  if (status.phase === "Failed" || status.phase === "Succeeded") {
    const how = status.phase === "Failed" ? "failed" : "ended";
    return `the pod ${how}${status.reason ? ` (${status.reason})` : ""}${status.message ? `: ${status.message}` : ""}`;
  }
  return `still ${status.phase ?? "Pending"}, its container not ended`;
}

// src/cluster/canaries.ts
var CALL_MS3 = 6e4;
async function createPods(k, pods) {
  const errors = /* @__PURE__ */ new Map();
  let pending = pods;
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    if (round > 0) await new Promise((res) => setTimeout(res, 500 * round));
    const r = await k.run({
      // --validate=false: the manifests are ours (and tested); validating them would make
      // kubectl download the OpenAPI documents first, requests and CPU for nothing, and one
      // more thing a flaky API server can fail. The API server still validates the objects.
      args: ["create", "-f", "-", "-o", "name", "--validate=false"],
      stdin: documents(pending.map((p) => p.manifest)),
      timeoutMs: CALL_MS3
    });
    const created = createdNames(r.stdout, "pod");
    const perPod = errorsByName(r.stderr, "pods");
    const next = [];
    for (const p of pending) {
      const said = perPod.get(p.name);
      if (created.has(p.name) || round > 0 && said && /AlreadyExists|already exists/.test(said)) {
        errors.delete(p.name);
        continue;
      }
      errors.set(
        p.name,
        said ? `creating canary pod ${p.namespace}/${p.name} was refused: ${said}` : describeFailure(`Creating canary pod ${p.namespace}/${p.name}`, r)
      );
      const transient = said ? /InternalError|Internal error|ServiceUnavailable|TooManyRequests|Too Many Requests|timeout/i.test(
        said
      ) : isTransient(r);
      if (transient) next.push(p);
    }
    pending = next;
  }
  return errors;
}
function errorsByName(stderr, resource) {
  const out = /* @__PURE__ */ new Map();
  for (const line of stderr.split("\n")) {
    const m = new RegExp(`${resource} "([^"]+)"`).exec(line);
    if (m?.[1]) out.set(m[1], serverMessage(line.replace(/^.*?error when creating "[^"]*": /, "")));
  }
  return out;
}
var DELETED = "was deleted before it reported its results (an eviction or a node drain, the garbage collector, or a person): run again";
async function watchUntilDone(k, opts) {
  const waiting = new Set(opts.names);
  const lastSeen = /* @__PURE__ */ new Map();
  const startedAt = /* @__PURE__ */ new Map();
  const gaveUp = /* @__PURE__ */ new Map();
  let watchingSince;
  const deadlineOf = (name) => {
    const started = startedAt.get(name);
    if (started !== void 0) return started + opts.runMs;
    return (watchingSince ?? Date.now()) + opts.startWithinMs;
  };
  let lastError = "";
  const lastWord = (name) => {
    const seen2 = lastSeen.get(name);
    return seen2 ? notReadyReason(seen2) : lastError || "the pod was never seen by the watch";
  };
  const seconds3 = (ms) => `${Math.round(ms / 1e3)} s`;
  const timedOut = (name) => {
    if (startedAt.has(name))
      return `did not report within ${seconds3(opts.runMs)} of starting (${notReadyReason(lastSeen.get(name))})`;
    const within = `within the ready-timeout (${seconds3(opts.startWithinMs)})`;
    if (!lastSeen.has(name))
      return `was never seen by the watch ${within}${lastError ? `: ${lastError}` : ""}`;
    return `did not start ${within}: ${notReadyReason(lastSeen.get(name))}`;
  };
  let controller = new AbortController();
  let timer;
  const expire = () => {
    const now = Date.now();
    for (const name of [...waiting]) {
      if (deadlineOf(name) > now) continue;
      waiting.delete(name);
      gaveUp.set(name, timedOut(name));
    }
    if (waiting.size === 0) controller.abort();
    else arm();
  };
  const arm = () => {
    if (watchingSince === void 0) return;
    clearTimeout(timer);
    const next = Math.min(...[...waiting].map(deadlineOf));
    timer = setTimeout(expire, Math.max(0, next - Date.now()));
  };
  const seen = (event, pod) => {
    const name = pod?.metadata?.name;
    if (!name || !waiting.has(name)) return;
    lastSeen.set(name, pod);
    if (!startedAt.has(name) && hasStarted(pod)) {
      startedAt.set(name, Date.now());
      arm();
      opts.onStarted?.(name);
    }
    if (containerEnded(pod)) {
      waiting.delete(name);
      opts.onDone(name, pod);
    } else if (event?.type === "DELETED") {
      waiting.delete(name);
      gaveUp.set(name, DELETED);
    } else if (isFinished(pod)) {
      waiting.delete(name);
      gaveUp.set(name, `did not report its results: ${notReadyReason(pod)}`);
    }
    if (waiting.size === 0) controller.abort();
  };
  try {
    while (waiting.size > 0) {
      const left = watchingSince === void 0 ? opts.startWithinMs + opts.runMs : Math.max(...[...waiting].map(deadlineOf)) - Date.now();
      if (left <= 0) break;
      controller = new AbortController();
      const split = createJsonSplitter((value) => {
        const event = value;
        seen(event, event?.object ?? value);
      });
      const r = await k.run({
        args: [
          "get",
          "pods",
          "-n",
          opts.namespace,
          "-l",
          runSelector(opts.run),
          "--watch",
          "--output-watch-events",
          "-o",
          "json"
        ],
        timeoutMs: left,
        onStdout: split,
        signal: controller.signal,
        onSpawn: () => {
          if (watchingSince !== void 0) return;
          watchingSince = Date.now();
          arm();
        }
      });
      if (r.aborted || r.timedOut || waiting.size === 0) continue;
      if (r.code !== 0) {
        lastError = describeFailure(`Watching canaries in ${opts.namespace}`, r);
        if (/forbidden|Forbidden/.test(r.stderr)) break;
      }
      await new Promise((res) => setTimeout(res, 1e3));
    }
  } finally {
    clearTimeout(timer);
  }
  for (const name of waiting)
    gaveUp.set(
      name,
      deadlineOf(name) <= Date.now() ? timedOut(name) : `did not report its results: ${lastWord(name)}`
    );
  return gaveUp;
}

// src/cluster/explain-run.ts
var CALL_MS4 = 3e4;
var UNAVAILABLE = "explanation unavailable";
async function explainResults(k, tests, results, opts) {
  const todo = results.flatMap((r, i) => {
    const test = tests[i];
    return r.verdict !== "pass" && test ? [{ i, test }] : [];
  });
  if (todo.length === 0) return results;
  try {
    return await explain(k, todo, results, opts);
  } catch (e) {
    const why = `${UNAVAILABLE}: the policy model failed (${e instanceof Error ? e.message : String(e)})`;
    return results.map((r) => r.verdict === "pass" ? r : { ...r, explanation: why });
  }
}
async function explain(k, todo, results, opts) {
  const timeoutMs = opts.timeoutMs ?? CALL_MS4;
  const needs = todo.map(({ test }) => targetNamespaces(test));
  const certain = unique(needs.flatMap((n) => n.certain));
  const maybe3 = unique(needs.flatMap((n) => n.maybe)).filter((ns) => !certain.includes(ns));
  const reading = certain.map((ns) => readObjects(k, ns, timeoutMs));
  const discovering = discoverPolicyKinds(k, timeoutMs);
  const nsRead = await readNamespaces2(k, [...certain, ...maybe3], timeoutMs);
  const existing = new Set(
    nsRead.ok ? nsRead.items.map((item) => item?.metadata?.name) : []
  );
  const alsoRead = maybe3.filter((ns) => existing.has(ns));
  const kinds = await discovering;
  const [reads, policyReads] = await Promise.all([
    Promise.all([...reading, ...alsoRead.map((ns) => readObjects(k, ns, timeoutMs))]),
    readPolicyKinds(k, kinds, [...certain, ...alsoRead], timeoutMs)
  ]);
  const nodes = needsNodes(policyReads.items) ? await readNodes(k, timeoutMs) : void 0;
  const byNamespace = new Map([...certain, ...alsoRead].map((ns, i) => [ns, reads[i]]));
  const objects = [...byNamespace.values()].flatMap((r) => r.ok ? r.items : []);
  const snapshot = nsRead.ok ? clusterSnapshot(
    {
      namespaces: nsRead.items,
      objects,
      policyObjects: policyReads.items,
      unread: policyReads.unread,
      ...nodes ? { nodes } : {}
    },
    opts.run
  ) : void 0;
  const out = [...results];
  todo.forEach(({ i, test }, n) => {
    const need = needs[n];
    const failed = [...need.certain, ...need.maybe].map((ns) => byNamespace.get(ns)).find((r) => r && !r.ok);
    let explanation;
    if (failed && !failed.ok) explanation = failed.why;
    else if (!nsRead.ok || !snapshot) explanation = nsRead.ok ? UNAVAILABLE : nsRead.why;
    else {
      const e = explainOne(snapshot, test, results[i], objects, opts.run);
      explanation = e.text;
      opts.onPolicies?.(i, e.policies);
    }
    out[i] = { ...results[i], explanation };
  });
  return out;
}
function explainOne(snapshot, test, result, objects, run) {
  const resolved = resolveTarget(snapshot, test.target, test.from);
  if (!resolved.ok) return { text: resolved.reason, policies: [] };
  const evaluation = evaluate(snapshot, canarySource(test, objects, run), resolved.destination);
  return { text: explainMismatch(test.expect, result.actual, evaluation), policies: policiesOf(evaluation) };
}
function policiesOf(e) {
  const refs = [...e.egress?.selectedBy ?? [], ...e.ingress?.selectedBy ?? []];
  return unique(refs).flatMap((ref) => {
    const admin = /^(ClusterNetworkPolicy|AdminNetworkPolicy|BaselineAdminNetworkPolicy) (\S+)/.exec(ref);
    if (admin) return [{ namespace: "", name: admin[2], kind: admin[1] }];
    const at = ref.indexOf("/");
    return at > 0 ? [{ namespace: ref.slice(0, at), name: ref.slice(at + 1) }] : [];
  });
}
async function readObjects(k, namespace, timeoutMs) {
  const r = await k.run({
    args: ["get", "networkpolicies,pods,services", "-n", namespace, "-o", "json"],
    timeoutMs,
    idempotent: true
  });
  if (r.code === 0) return parsed(r);
  if (isForbidden(r)) {
    const resource = /cannot (?:list|get|watch) resource "([^"]+)"/.exec(r.stderr)?.[1] ?? "networkpolicies";
    return {
      ok: false,
      why: `${UNAVAILABLE}: cannot list ${resource} in ${namespace} (grant get/list on networkpolicies, pods and services to explain failures)`
    };
  }
  return {
    ok: false,
    why: `${UNAVAILABLE}: ${describeFailure(`Reading networkpolicies, pods and services in ${namespace}`, r)}`
  };
}
async function readNamespaces2(k, names, timeoutMs) {
  const r = await k.run({
    ...namespacesByName(unique([...names, "kube-system"])),
    timeoutMs,
    idempotent: true
  });
  if (r.code === 0) return parsed(r);
  if (isForbidden(r)) {
    return {
      ok: false,
      why: `${UNAVAILABLE}: cannot get namespaces (grant get on namespaces to explain failures)`
    };
  }
  return { ok: false, why: `${UNAVAILABLE}: ${describeFailure("Reading namespaces", r)}` };
}
function parsed(r) {
  try {
    return { ok: true, items: parseItems(r.stdout) };
  } catch {
    return { ok: false, why: `${UNAVAILABLE}: kubectl printed output that is not JSON` };
  }
}
function isForbidden(r) {
  return !r.timedOut && /\(Forbidden\)|is forbidden/.test(r.stderr);
}
function unique(xs) {
  return [...new Set(xs)];
}

// src/cluster/label-collisions.ts
var CALL_MS5 = 3e4;
var SELECTING_KINDS = [
  "services",
  "deployments.apps",
  "replicasets.apps",
  "statefulsets.apps",
  "daemonsets.apps",
  "jobs.batch",
  "poddisruptionbudgets.policy"
];
var CONTROLLERS = /* @__PURE__ */ new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"]);
async function readSelecting(k, namespace) {
  const r = await k.run({
    args: ["get", SELECTING_KINDS.join(","), "-n", namespace, "-o", "json"],
    timeoutMs: CALL_MS5,
    // retried when the API falters, but for warnings only: never longer than one call's time in all
    deadline: Date.now() + CALL_MS5,
    idempotent: true
  });
  const forbidden = [...r.stderr.matchAll(/(\S+) is forbidden/g)].map((m) => m[1] ?? "");
  const items = r.stdout.trim() ? parseItems(r.stdout) : [];
  if (r.code === 0 || forbidden.length > 0) return { namespace, items, forbidden };
  return {
    namespace,
    items,
    forbidden,
    error: describeFailure(`Reading the Services and workloads of namespace ${namespace}`, r)
  };
}
function collisionWarnings(reads, groups, run) {
  const warnings = [];
  for (const read of reads) {
    const canaries = uniqueByLabels(groups.filter((g) => g.namespace === read.namespace));
    for (const item of read.items) {
      const obj = item;
      const what = `${obj.kind ?? "object"} ${read.namespace}/${obj.metadata?.name ?? "?"}`;
      for (const group of canaries) {
        const labels = { ...group.labels, ...ownershipLabels(run) };
        const found = selects2(obj, labels);
        if (!found) continue;
        const who = `the canary of ${testNames(groups, group)} (labels ${labelsText(group.labels) || "none"})`;
        const why = explain2(obj, what, found, who);
        if (why) warnings.push(why);
      }
    }
  }
  const cannot = reads.filter((r) => r.forbidden.length > 0 || r.error);
  if (cannot.length > 0) {
    const parts = cannot.map(
      (r) => r.forbidden.length > 0 ? `${r.namespace} (may not list ${r.forbidden.join(", ")})` : `${r.namespace} (${r.error})`
    );
    warnings.push(
      `Could not check whether a canary's labels match the selector of a Service, a workload or a PodDisruptionBudget in ${parts.join("; ")}. Grant list on ${SELECTING_KINDS.join(", ")} there (examples/rbac.yaml) to have the run check; the run went on.`
    );
  }
  return warnings;
}
function selects2(obj, labels) {
  const sel = obj.spec?.selector;
  if (sel === null || sel === void 0 || typeof sel !== "object") return void 0;
  if (obj.kind === "Service") {
    const map = sel;
    if (Object.keys(map).length === 0) return void 0;
    return matchesSelector({ matchLabels: map }, labels) ? labelsText(map) : void 0;
  }
  const selector = sel;
  if (obj.kind === "PodDisruptionBudget" || CONTROLLERS.has(obj.kind ?? "")) {
    return matchesSelector(selector, labels) ? selectorText(selector) : void 0;
  }
  return void 0;
}
function explain2(obj, what, selector, who) {
  if (obj.kind === "Service") {
    if (obj.spec?.publishNotReadyAddresses) {
      return `${what} selects ${who} with ${selector} and publishes not-ready addresses: while the canary runs, the Service's clients (and its DNS name) can reach it. Give these tests labels that no Service selects.`;
    }
    return `${what} selects ${who} with ${selector}: the canary is listed in its EndpointSlices as not ready and gets no traffic (a canary is never Ready), but tools that count the Service's endpoints see it. Give these tests labels of their own if that matters.`;
  }
  if (obj.kind === "PodDisruptionBudget") {
    const scaled = obj.spec?.maxUnavailable !== void 0 || typeof obj.spec?.minAvailable === "string";
    if (!scaled) return void 0;
    return `${what} selects ${who} with ${selector}: a budget with maxUnavailable or a percentage needs the scale of every selected pod's controller, and a canary's controller is its namespace, so while the canary runs the budget allows no disruptions (evictions and node drains of the workload wait). Give these tests labels that the budget does not select.`;
  }
  return `${what} has a selector (${selector}) that matches ${who}: the canary is not adopted (its controller is its namespace), but it shows among the workload's pods wherever pods are listed by these labels. Give these tests labels of their own if that matters.`;
}
var labelKey = (labels) => labelsText(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)));
function uniqueByLabels(groups) {
  const seen = /* @__PURE__ */ new Map();
  for (const g of groups) if (!seen.has(labelKey(g.labels))) seen.set(labelKey(g.labels), g);
  return [...seen.values()];
}
function testNames(groups, group) {
  const same = (g) => g.namespace === group.namespace && labelKey(g.labels) === labelKey(group.labels);
  const names = groups.filter(same).flatMap((g) => g.tests.map((t) => `"${t.name}"`));
  const shown = names.length > 4 ? [...names.slice(0, 4), `and ${names.length - 4} more`] : names;
  return `${names.length === 1 ? "test" : "tests"} ${shown.join(", ")}`;
}

// src/cluster/access.ts
function requiredPermissions(sources, managed, creates) {
  const needs = [];
  for (const namespace of sources) {
    needs.push(
      { verb: "create", resource: "pods", namespace },
      { verb: "list", resource: "pods", namespace },
      { verb: "watch", resource: "pods", namespace },
      { verb: "delete", resource: "pods", namespace }
    );
  }
  if (creates) needs.push({ verb: "create", resource: "namespaces" });
  if (managed.length > 0) {
    needs.push({ verb: "patch", resource: "namespaces" }, { verb: "delete", resource: "namespaces" });
  }
  return needs;
}
function describePermission(p) {
  const what = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  return p.namespace ? `${p.verb} ${what} in namespace ${p.namespace}` : `${p.verb} ${what} (cluster-wide)`;
}
function review(p) {
  return {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SelfSubjectAccessReview",
    spec: {
      resourceAttributes: {
        group: "",
        verb: p.verb,
        resource: p.resource,
        ...p.subresource ? { subresource: p.subresource } : {},
        ...p.namespace ? { namespace: p.namespace } : {}
      }
    }
  };
}
async function missingPermissions(k, needs) {
  if (needs.length === 0) return { missing: [] };
  const r = await k.run({
    args: ["create", "-f", "-", "-o", "json", "--validate=false"],
    stdin: documents(needs.map(review)),
    timeoutMs: 3e4,
    idempotent: true
  });
  if (r.code !== 0) return { unknown: describeFailure("Checking permissions", r) };
  const items = parseItems(r.stdout);
  if (items.length !== needs.length) {
    return { unknown: "Checking permissions: the answers did not match the questions" };
  }
  const missing = needs.filter(
    (_, i) => items[i]?.status?.allowed !== true
  );
  return { missing };
}

// src/run/prepare-run.ts
async function prepareRun(k, matrix, settings, sources, warn) {
  const mayManage = sources.filter(
    (name) => settings.namespacePrefix && name.startsWith(settings.namespacePrefix)
  );
  const review2 = missingPermissions(k, requiredPermissions(sources, mayManage, mayManage.length > 0));
  const exists = getNamespaces(k, sources);
  let groups;
  try {
    groups = splitForScript(groupIntoCanaries(matrix.tests), settings);
  } catch (e) {
    await Promise.allSettled([review2, exists]);
    throw e;
  }
  let existing;
  try {
    existing = await exists;
  } catch (e) {
    await review2;
    return { ok: false, error: `${e.message}; nothing was created.` };
  }
  const shared = [...existing.values()].filter(
    (ns) => isManaged(ns) && ns.metadata.name.startsWith(settings.namespacePrefix)
  );
  const sharedNames = new Set(shared.map((ns) => ns.metadata.name));
  const foreign = new Set([...existing.keys()].filter((name) => !sharedNames.has(name)));
  const plan = checkNamespaces(matrix, foreign, settings.namespacePrefix);
  if (!plan.ok) {
    await review2;
    return { ok: false, error: `${plan.errors.join("\n")}
Nothing was created.` };
  }
  const mislabelled = /* @__PURE__ */ new Map();
  for (const ns of shared) {
    const name = ns.metadata.name;
    const why = sharedLabelsConflict(name, ns.metadata.labels ?? {}, matrix.namespaces[name]?.labels ?? {});
    if (why) mislabelled.set(name, why);
  }
  const joined = shared.filter((ns) => !mislabelled.has(ns.metadata.name));
  const toCreate = plan.value.create.filter((name) => !sharedNames.has(name));
  const managed = [...toCreate, ...joined.map((ns) => ns.metadata.name)];
  const access = neededOf(await review2, requiredPermissions(sources, managed, toCreate.length > 0));
  if ("unknown" in access) {
    warn(`Permissions could not be checked in advance (${access.unknown}); going on.`);
  } else if (access.missing.length > 0) {
    return {
      ok: false,
      error: `The kubeconfig's identity lacks permissions this run needs; nothing was created. Grant:
` + access.missing.map((p) => `  - ${describePermission(p)}`).join("\n") + `
examples/rbac.yaml has a minimal Role and ClusterRole.`
    };
  }
  return { ok: true, value: { groups, existing, foreign, mislabelled, joined, toCreate, managed } };
}
function neededOf(answer, needed) {
  if ("unknown" in answer) return answer;
  const keys = new Set(needed.map(describePermission));
  return { missing: answer.missing.filter((p) => keys.has(describePermission(p))) };
}

// src/probe/canary-outcomes.ts
function decideCanary(tests, results, settings, missing) {
  return tests.map((test) => {
    const tries = results.tries.get(test.index) ?? [];
    const first = tries[0];
    const last = tries[tries.length - 1];
    if (!first || !last) {
      return {
        test,
        observation: { actual: "error", detail: missing },
        verdict: "inconclusive",
        detail: missing,
        attempts: 0,
        durationMs: 0
      };
    }
    const v = decideTest(test, tries, results.provenAt, settings);
    const ended = results.endMs.get(test.index) ?? last.atMs;
    return {
      test,
      observation: last.observation,
      verdict: v.verdict,
      detail: v.detail,
      attempts: tries.length,
      durationMs: Math.max(0, ended - first.atMs),
      ...v.enforcedAfterMs !== void 0 ? { enforcedAfterMs: v.enforcedAfterMs } : {},
      ...v.warning !== void 0 ? { warning: v.warning } : {}
    };
  });
}

// src/cluster/canary-results.ts
async function canaryOutcomes(k, pod, tests, settings) {
  const namespace = pod.metadata.namespace ?? "";
  const name = pod.metadata.name;
  const status = (pod.status?.containerStatuses ?? []).find((c) => c.name === CONTAINER);
  const ended = status?.state?.terminated;
  let text = ended?.message ?? "";
  let results = readCanaryResults(tests, text, settings.timeoutMs);
  let missing = `canary ${namespace}/${name} reported no result for this test: ${notReadyReason(pod)}`;
  if (results.inLog) {
    const r = await k.run({
      args: ["logs", "-n", namespace, name, "-c", CONTAINER],
      timeoutMs: 3e4,
      idempotent: true
    });
    if (r.code === 0) {
      text = r.stdout;
      results = readCanaryResults(tests, text, settings.timeoutMs);
    } else {
      const head = `canary ${namespace}/${name}'s results did not fit in its termination message, and its log could not be read`;
      missing = /forbidden|Forbidden/.test(r.stderr) ? `${head} (${serverMessage(r.stderr)}). Grant get pods/log in namespace ${namespace} (examples/rbac.yaml), or split its tests over several canaries (different labels)` : `${head}: ${describeFailure("Reading its log", r)}`;
    }
  } else if (results.doneMs === void 0 && text !== "") {
    missing = `canary ${namespace}/${name} ended before it reported this test (${notReadyReason(pod)})`;
  }
  return decideCanary(tests, results, settings, missing);
}

// src/cluster/pod-events.ts
var CALL_MS6 = 15e3;
var MAX_PER_POD = 8;
async function podEvents(k, namespace, pods, timeoutMs = CALL_MS6) {
  const out = /* @__PURE__ */ new Map();
  if (pods.length === 0) return out;
  const r = await k.run({
    args: ["get", "events", "-n", namespace, "--field-selector", "involvedObject.kind=Pod", "-o", "json"],
    timeoutMs,
    idempotent: true
  });
  if (r.code !== 0) {
    const why = /forbidden|Forbidden/.test(r.stderr) ? `its events could not be read (grant list on events in ${namespace} to see them here)` : `its events could not be read: ${describeFailure(`Reading events in ${namespace}`, r)}`;
    for (const pod of pods) out.set(pod, [why]);
    return out;
  }
  let items;
  try {
    items = parseItems(r.stdout);
  } catch {
    return out;
  }
  const wanted = new Set(pods);
  const when = (e) => e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? "";
  const events = items.filter((e) => e?.involvedObject?.kind === "Pod" && wanted.has(e.involvedObject.name ?? "")).sort((a, b) => when(a).localeCompare(when(b)));
  for (const e of events) {
    const name = e.involvedObject?.name ?? "";
    const list = out.get(name) ?? [];
    const times = (e.count ?? 1) > 1 ? ` (×${e.count})` : "";
    list.push(`${e.type ?? "Normal"} ${e.reason ?? ""}: ${e.message ?? ""}${times}`.trim());
    out.set(name, list);
  }
  for (const [name, list] of out) out.set(name, list.slice(-MAX_PER_POD));
  return out;
}

// src/run/test-results.ts
function fromOutcome(o) {
  return toResult(o.test, o.observation, o, o.attempts, o.durationMs, void 0, o.enforcedAfterMs);
}
function notProbed(t, why, durationMs) {
  return toResult(
    t,
    { actual: "error", detail: why },
    { verdict: "inconclusive", detail: why },
    0,
    durationMs
  );
}
var MARK2 = { pass: "✓", fail: "✗", inconclusive: "?" };
function describeOutcome(o) {
  const tries = o.attempts > 1 ? ` after ${o.attempts} attempts` : "";
  return `${MARK2[o.verdict]} ${o.verdict.padEnd(12)} ${o.test.name}: expected ${o.test.expect}, ${o.observation.actual}${tries} (${storyOf(o.detail)})`;
}
function canaryTitle(group, pod) {
  const labels = Object.entries(group.labels).map(([k, v]) => `${k}=${v}`).join(",");
  return `canary ${group.namespace}/${pod}${labels ? ` [${labels}]` : ""}: ${group.tests.length} test(s)`;
}

// src/run/probe-canaries.ts
var RUN_SLACK_MS = 6e4;
function probeCanaries(k, live, settings, run, sink) {
  const reading = [];
  const byName = new Map(live.map((p) => [p.name, p]));
  const runMs = scriptMaxMs(settings) + RUN_SLACK_MS;
  const underWay = countdown(live.map((p) => p.name));
  const watchNamespace = async (namespace) => {
    const names = live.filter((p) => p.group.namespace === namespace).map((p) => p.name);
    const notDone = await watchUntilDone(k, {
      namespace,
      run,
      names,
      startWithinMs: settings.readyTimeoutMs,
      runMs,
      onStarted: (name) => {
        underWay.tick(name);
        const p = byName.get(name);
        if (p) sink.info(`canary ${namespace}/${name} is probing (${p.group.tests.length} test(s))`);
      },
      onDone: (name, pod) => {
        underWay.tick(name);
        const p = byName.get(name);
        if (!p) return;
        reading.push(
          canaryOutcomes(k, pod, p.group.tests, settings).then((outcomes) => {
            for (const o of outcomes) {
              sink.result(o.test.index, fromOutcome(o));
              if (o.warning === void 0) continue;
              sink.warn(
                `Test ${JSON.stringify(o.test.name)} (${o.test.expect} to ${o.test.to}) ${o.verdict === "pass" ? "passed, but was" : "failed: it was"} ${o.warning}.`
              );
            }
            sink.canary(canaryTitle(p.group, name), outcomes.map(describeOutcome));
          })
        );
      }
    });
    for (const name of names) underWay.tick(name);
    const events = notDone.size > 0 ? await podEvents(k, namespace, [...notDone.keys()]) : /* @__PURE__ */ new Map();
    for (const [name, reason] of notDone) {
      const p = byName.get(name);
      if (!p) continue;
      const why = `canary ${namespace}/${name} ${reason}`;
      sink.notRun(p.group, why);
      const said = events.get(name) ?? [];
      for (const t of p.group.tests) sink.events(t.name, said);
      sink.canary(canaryTitle(p.group, name), [why, ...said.map((e) => `event: ${e}`)]);
    }
  };
  const namespaces = [...new Set(live.map((p) => p.group.namespace))];
  const finished = (async () => {
    await Promise.all(namespaces.map(watchNamespace));
    await Promise.all(reading);
  })();
  return { allProbing: underWay.done, finished };
}
function countdown(names) {
  const left = new Set(names);
  let resolve2 = () => {
  };
  const done = new Promise((r) => resolve2 = r);
  if (left.size === 0) resolve2();
  return {
    tick(name) {
      if (left.delete(name) && left.size === 0) resolve2();
    },
    done
  };
}

// src/run/run-matrix.ts
async function runMatrix(matrix, settings, deps) {
  const started = Date.now();
  const { kubectl: k, run, log } = deps;
  const sources = unique2(matrix.tests.map((t) => t.from));
  const prepared = await prepareRun(k, matrix, settings, sources, (w) => log.warning(w));
  if (!prepared.ok) return prepared;
  const { groups, existing, foreign, mislabelled, joined, toCreate, managed } = prepared.value;
  const warnings = [];
  const warn = (w) => {
    warnings.push(w);
    log.warning(w);
  };
  const lifetime = canaryLifetimeSeconds(settings);
  const results = /* @__PURE__ */ new Map();
  const notRun = (group, why) => {
    for (const t of group.tests) results.set(t.index, notProbed(t, why, Date.now() - started));
  };
  for (const group of groups) {
    const why = mislabelled.get(group.namespace);
    if (why) notRun(group, why);
  }
  for (const why of mislabelled.values()) warn(why);
  const pods = groups.filter((group) => !mislabelled.has(group.namespace)).map((group) => ({ group, name: podName() }));
  const record = {
    run,
    namespaces: managed,
    pods: pods.map((p) => ({ namespace: p.group.namespace, name: p.name }))
  };
  deps.record(record);
  const leaseUntil = new Date(Date.now() + (lifetime + 300) * 1e3);
  const {
    failures: nsFailures,
    created,
    uids
  } = await acquireNamespaces(
    k,
    toCreate.map((name) => ({ name, labels: matrix.namespaces[name]?.labels ?? {} })),
    joined,
    { run, leaseUntil, deadline: Date.now() + settings.readyTimeoutMs, log: log.info }
  );
  if (created.length > 0) deps.record({ ...record, created });
  const evidence = /* @__PURE__ */ new Map();
  const uidOf = (ns) => uids.get(ns) ?? existing.get(ns)?.metadata.uid;
  const creatable = pods.filter((p) => {
    const ns = p.group.namespace;
    const failure = nsFailures.get(ns) ?? (uidOf(ns) ? void 0 : `the API server did not say the uid of namespace ${ns}, which a canary names as its controller; nothing was created there. Run again`);
    if (failure) notRun(p.group, failure);
    return !failure;
  });
  const podErrors = await createPods(
    k,
    creatable.map((p) => ({
      name: p.name,
      namespace: p.group.namespace,
      manifest: canaryPod({
        name: p.name,
        group: p.group,
        run,
        settings,
        lifetimeSeconds: lifetime,
        namespaceUid: uidOf(p.group.namespace) ?? ""
      })
    }))
  );
  const live = creatable.filter((p) => {
    const error = podErrors.get(p.name);
    if (error) {
      notRun(p.group, error);
      log.canary(canaryTitle(p.group, p.name), [`could not be created: ${error}`]);
    }
    return !error;
  });
  const probing = probeCanaries(k, live, settings, run, {
    result: (index, result) => results.set(index, result),
    notRun,
    events: (name, events) => evidence.set(name, { events }),
    warn,
    info: (line) => log.info(line),
    canary: (title, lines) => log.canary(title, lines)
  });
  const collisions = probing.allProbing.then(
    () => Promise.all(sources.filter((name) => foreign.has(name)).map((name) => readSelecting(k, name)))
  ).then((reads) => collisionWarnings(reads, groups, run)).catch((e) => [
    `Could not check whether a canary's labels match a Service's or a workload's selector: ${e instanceof Error ? e.message : String(e)}; the run went on.`
  ]).then((found) => found.forEach(warn));
  await probing.finished;
  const ordered = matrix.tests.map((t) => results.get(t.index) ?? notProbed(t, "not probed", 0));
  const explained = await explainResults(k, matrix.tests, ordered, {
    run,
    onPolicies: (i, policies) => {
      const name = matrix.tests[i]?.name;
      if (name !== void 0 && policies.length > 0) evidence.set(name, { ...evidence.get(name), policies });
    }
  });
  await collisions;
  return { ok: true, results: explained, evidence, warnings };
}
function podName() {
  return `canary-${randomBytes2(4).toString("hex")}`;
}
function unique2(xs) {
  return [...new Set(xs)];
}

// src/cli/run-command.ts
var CLEANUP_BUDGET_MS = 6e4;
var SHUT_WAIT_MS = 15e3;
var INTERRUPTED = 130;
var RUN_HELP = renderHelp({
  usage: "netpol-canary run MATRIX_FILE [options]",
  about: [
    "Deploys canary pods in the current kube context, probes every test of the matrix from inside",
    "them, prints the verdicts, and removes the canaries and the namespaces it created again, also",
    "when interrupted (Ctrl-C). Exit code: 0 all passed; 1 something failed or was inconclusive;",
    "2 the options or the matrix are not valid, or the run could not start (nothing was created)."
  ],
  options: [
    ["--matrix FILE", "the matrix file, instead of MATRIX_FILE"],
    ["--timeout 5s", "per-probe connect timeout"],
    ["--ready-timeout 60s", "how long a canary may take to start (its container ready)"],
    ["--attempts 3", "tries for a probe whose result disagrees with its expectation"],
    [
      "--max-enforcement-delay D",
      "fail a test whose result held only later than D (2s) after its canary started"
    ],
    [
      "--namespace-prefix P",
      "missing source namespaces with this prefix are created, then deleted\n(default canary-test-)"
    ],
    ["--refused-means-denied", "count a refused connection as denied (CNIs that reject, not drop)"],
    ["--image busybox:1.36", "canary image; it must provide sh, nc, wget and timeout as busybox does"],
    ["--image-pull-secret NAME", "image pull secret present in every source namespace"],
    ["--node-selector YAML", 'node selector for the canaries, e.g. "{kubernetes.io/os: linux}"'],
    ["--tolerations YAML", 'tolerations for the canaries, e.g. "[{key: gpu, operator: Exists}]"'],
    ["--json", "print only the results, as JSON, on stdout (progress goes to stderr)"],
    ["--junit FILE", "also write a JUnit XML report"],
    ["--keep", "leave the canaries in place; remove them later with `netpol-canary cleanup`"],
    ...CONNECTION_OPTIONS,
    HELP_OPTION
  ]
});
var RUN_SPEC = {
  flags: [.../* @__PURE__ */ new Set([...CONNECTION_FLAGS, ...SETTING_FLAGS, "junit", "matrix"])],
  switches: [...SETTING_SWITCHES, "json", "keep", "help"]
};
var CLEANUP_HELP = renderHelp({
  usage: "netpol-canary cleanup --run ID MATRIX_FILE [options]",
  about: [
    "Removes what the run ID (printed when the run started) left behind: its canaries in the",
    "matrix's source namespaces, and the namespaces it created with the prefix that no other run uses.",
    "Exit code: 0 everything was removed; 1 something could not be; 2 the options are not valid."
  ],
  options: [
    ["--run ID", "the run to clean up after, e.g. local-1a2b3c4d5e"],
    ["--matrix FILE", "the matrix file the run used, instead of MATRIX_FILE"],
    ["--namespace-prefix P", "the prefix the run used (default canary-test-)"],
    ...CONNECTION_OPTIONS,
    HELP_OPTION
  ]
});
var CLEANUP_SPEC = {
  flags: [...CONNECTION_FLAGS, "run", "namespace-prefix", "matrix"],
  switches: ["help"]
};
function invalid(io, command, errors) {
  io.err(`netpol-canary ${command}: nothing was done, because:`);
  for (const e of errors) io.err(`  - ${e}`);
  return 2;
}
function shellQuote2(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
function touched(matrix, record) {
  return [
    .../* @__PURE__ */ new Set([
      ...record?.namespaces ?? [],
      ...record?.pods.map((p) => p.namespace) ?? [],
      ...matrix.tests.map((t) => t.from),
      ...Object.keys(matrix.namespaces)
    ])
  ];
}
function connectFrom(flags, settings, io) {
  return connect(
    {
      kubeconfig: flags.kubeconfig,
      kubectl: flags.kubectl,
      context: settings.context,
      concurrency: settings.concurrency
    },
    io.env
  );
}
function cleanupLine(report) {
  return `Clean-up: ${describeCleanup(report)}`;
}
async function runCommand(argv, io = stdio) {
  const start = startCommand(argv, io, { name: "run", spec: RUN_SPEC, help: RUN_HELP });
  if ("exit" in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  const given = matrixArgument(positionals, flags, "give the matrix file to run");
  if ("error" in given) return usageError(io, "run", given.error, RUN_HELP);
  if (flags.junit === "") return usageError(io, "run", "--junit needs a file name", RUN_HELP);
  const junitProblem = flags.junit === void 0 ? void 0 : junitPathProblem(flags.junit);
  if (junitProblem) return usageError(io, "run", junitProblem, RUN_HELP);
  const file = given.file;
  const matrix = readMatrixFile(file);
  const settings = settingsFromFlags(flags, switches);
  if (!matrix.ok || !settings.ok) {
    return invalid(io, "run", [...matrix.ok ? [] : matrix.errors, ...settings.ok ? [] : settings.errors]);
  }
  const c = connectFrom(flags, settings.value, io);
  if ("error" in c) return invalid(io, "run", [c.error]);
  return execute(matrix.value, {
    io,
    file,
    flags,
    settings: settings.value,
    kubectl: c.kubectl,
    json: switches.has("json"),
    keep: switches.has("keep")
  });
}
async function execute(matrix, x) {
  const { io, settings } = x;
  const started = Date.now();
  const run = runIdentity(io.env);
  const sink = x.json ? io.stderr : io.stdout;
  const say = x.json ? io.err : io.out;
  const progress = createProgress(
    { ...sink, color: wantsColor(sink.isTTY, io.env) },
    (l) => io.err(`warning: ${l}`)
  );
  const cleanupHint = [
    "netpol-canary cleanup --run",
    run,
    shellQuote2(x.file),
    ...["kubeconfig", "context", "namespace-prefix"].flatMap(
      (f) => x.flags[f] !== void 0 ? [`--${f}`, shellQuote2(x.flags[f] ?? "")] : []
    )
  ].join(" ");
  const canaries = groupIntoCanaries(matrix.tests).length;
  progress.info(
    `netpol-canary run ${run}: ${matrix.tests.length} test(s) from ${canaries} canar${canaries === 1 ? "y" : "ies"}, probe timeout ${formatDuration(settings.timeoutMs)}, ${settings.context ? `context ${settings.context}` : "the kubeconfig's current context"}`
  );
  for (const w of denyWithoutAllowWarnings(matrix.tests)) progress.warning(w);
  progress.expect(canaries);
  let record;
  const gate = gateKubectl(x.kubectl);
  let cleaning;
  const cleanOnce = () => cleaning ??= (async () => {
    if (x.keep || !record) return void 0;
    const report = await cleanupRun(x.kubectl, {
      run,
      prefix: settings.namespacePrefix,
      namespaces: touched(matrix, record),
      deadline: Date.now() + CLEANUP_BUDGET_MS,
      ...record.created ? { known: record.created } : {}
    });
    say(cleanupLine(report));
    if (report.problems.length > 0) {
      io.err(`Clean-up could not remove everything; try again with:
  ${cleanupHint}`);
      for (const p of report.problems) io.err(`  - ${p}`);
    }
    return report;
  })();
  let phase = "running";
  let signals = 0;
  const onSignal = (signal) => {
    signals++;
    if (signals > 1 || phase === "done") {
      if (phase !== "done" && !x.keep && record) {
        io.err(`Stopped before clean-up ended; finish it with:
  ${cleanupHint}`);
      }
      process.exit(INTERRUPTED);
    }
    progress.stop();
    const what = x.keep || !record ? "stopping" : "cleaning up (press Ctrl-C again to stop at once)";
    io.err(`
${signal}: run ${run} interrupted; ${what}.`);
    if (x.keep && record) io.err(`Its canaries stay (--keep); remove them with:
  ${cleanupHint}`);
    const shut = phase === "running" ? gate.shut(SHUT_WAIT_MS) : Promise.resolve();
    void shut.then(cleanOnce).finally(() => process.exit(INTERRUPTED));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    let results;
    try {
      const outcome = await runMatrix(matrix, settings, {
        kubectl: gate.kubectl,
        run,
        log: progress,
        record: (r) => {
          record = r;
        }
      });
      progress.stop();
      if (!outcome.ok) {
        phase = "cleaning";
        await cleanOnce();
        io.err(`netpol-canary run: the run could not start.
${outcome.error}`);
        return 2;
      }
      results = outcome.results;
    } catch (e) {
      progress.stop();
      io.err(`netpol-canary run stopped unexpectedly: ${e.message ?? String(e)}`);
      phase = "cleaning";
      await cleanOnce();
      return 1;
    }
    phase = "cleaning";
    const report = await cleanOnce();
    if (x.keep)
      say(`The canaries of run ${run} stay in the cluster (--keep); remove them with:
  ${cleanupHint}`);
    phase = "done";
    const junitError = x.flags.junit !== void 0 ? writeJunit(x.flags.junit, results, {
      wallTimeMs: Date.now() - started,
      properties: {
        mode: "run",
        run,
        context: settings.context ?? "(current context)",
        image: settings.image
      },
      tests: matrix.tests,
      file: x.file
    }) : void 0;
    if (x.json) {
      io.out(resultsJson(results));
    } else {
      const color = wantsColor(io.stdout.isTTY, io.env);
      const seconds3 = ((Date.now() - started) / 1e3).toFixed(1);
      io.out(`
${renderTable(results, { color })}

${totalsLine(results)} (run ${run}, ${seconds3} s)`);
    }
    if (junitError) io.err(junitError);
    const cleanupFailed = (report?.problems.length ?? 0) > 0;
    return Math.max(exitCodeFor(results), junitError || cleanupFailed ? 1 : 0);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
async function cleanupCommand(argv, io = stdio) {
  const start = startCommand(argv, io, { name: "cleanup", spec: CLEANUP_SPEC, help: CLEANUP_HELP });
  if ("exit" in start) return start.exit;
  const { flags, positionals } = start.args;
  const given = matrixArgument(positionals, flags, "give the matrix file the run used");
  if ("error" in given) return usageError(io, "cleanup", given.error, CLEANUP_HELP);
  const run = flags.run;
  if (run === void 0) {
    return usageError(
      io,
      "cleanup",
      "--run ID is required: the run id printed when the run started",
      CLEANUP_HELP
    );
  }
  const errors = (run === "" ? ["must not be empty"] : labelValueErrors(run)).map(
    (e) => `--run ${JSON.stringify(run)} is not a run id: ${e}`
  );
  const settings = settingsFromFlags(flags, /* @__PURE__ */ new Set());
  if (!settings.ok) errors.push(...settings.errors);
  const matrix = readMatrixFile(given.file);
  if (!matrix.ok) errors.push(...matrix.errors);
  if (errors.length > 0 || !matrix.ok || !settings.ok) return invalid(io, "cleanup", errors);
  const c = connectFrom(flags, settings.value, io);
  if ("error" in c) return invalid(io, "cleanup", [c.error]);
  const namespaces = touched(matrix.value, void 0);
  const report = await cleanupRun(c.kubectl, {
    run,
    prefix: settings.value.namespacePrefix,
    namespaces,
    deadline: Date.now() + CLEANUP_BUDGET_MS
  });
  for (const p of report.deletedPods) io.out(`deleted pod ${p}`);
  for (const n of report.deletedNamespaces) io.out(`deleted namespace ${n}`);
  if (report.deletedPods.length + report.deletedNamespaces.length + report.problems.length === 0) {
    io.out(
      `Clean-up: nothing of run ${run} was found in namespace(s) ${namespaces.join(", ")}: it was cleaned up already, or that is not the run's id or matrix (the id is printed when a run starts).`
    );
  } else io.out(cleanupLine(report));
  if (report.problems.length > 0) {
    io.err("Some things could not be removed:");
    for (const p of report.problems) io.err(`  - ${p}`);
    return 1;
  }
  return 0;
}

// src/cluster/sweep-stale.ts
var SELECTOR = `${MANAGED_BY_KEY}=${MANAGED_BY}`;
var SWEEP_RUN = "sweep";
async function sweepStale(k, opts) {
  const report = { deletedPods: [], deletedNamespaces: [], kept: [], problems: [] };
  const cutoff = opts.now.getTime() - opts.olderThanMs;
  const old = (ts) => ts !== void 0 && Date.parse(ts) <= cutoff;
  const [r, read] = await Promise.all([
    k.run({
      args: ["get", "pods", "--all-namespaces", "-l", `${SELECTOR},${RUN_KEY}`, "-o", "json"],
      timeoutMs: 3e4,
      idempotent: true
    }),
    getNamespacesBySelector(k, SELECTOR).then(
      (namespaces2) => ({ namespaces: namespaces2 }),
      (e) => ({ error: e.message })
    )
  ]);
  if ("error" in read) {
    report.problems.push(`${read.error}; no canary or namespace was deleted.`);
    return report;
  }
  const namespaces = read.namespaces;
  const leaseHolders = /* @__PURE__ */ new Map();
  for (const ns of namespaces)
    for (const run of otherLiveLeases(ns, SWEEP_RUN, opts.now))
      if (!leaseHolders.has(run)) leaseHolders.set(run, ns.metadata.name);
  if (r.code !== 0) {
    report.problems.push(describeFailure("Listing canary pods in all namespaces", r));
  } else {
    const byNamespace = /* @__PURE__ */ new Map();
    for (const item of parseItems(r.stdout)) {
      const pod = item;
      const ns = pod.metadata.namespace;
      if (!ns || !old(pod.metadata.creationTimestamp)) continue;
      const run = pod.metadata.labels?.[RUN_KEY] ?? "";
      const leased = leaseHolders.get(run);
      if (leased !== void 0) {
        report.kept.push(
          `pod ${ns}/${pod.metadata.name}: its run ${run} still holds a lease on namespace ${leased}`
        );
        continue;
      }
      byNamespace.set(ns, [...byNamespace.get(ns) ?? [], pod.metadata.name]);
    }
    await Promise.all(
      [...byNamespace].map(async ([ns, names]) => {
        if (opts.dryRun) {
          report.deletedPods.push(...names.map((n) => `${ns}/${n}`));
          return;
        }
        const d = await k.run({
          args: ["delete", "pods", "-n", ns, ...names, "--wait=false", "--ignore-not-found"],
          timeoutMs: 3e4,
          idempotent: true
        });
        if (d.code === 0) report.deletedPods.push(...names.map((n) => `${ns}/${n}`));
        else report.problems.push(describeFailure(`Deleting canaries in ${ns}`, d));
      })
    );
  }
  const candidates = namespaces.filter(
    (ns) => opts.prefix && ns.metadata.name.startsWith(opts.prefix) && old(ns.metadata.creationTimestamp)
  );
  if (opts.dryRun) {
    for (const ns of candidates) {
      const why = whyNotDeletable(ns, opts.prefix, SWEEP_RUN, opts.now);
      if (why) report.kept.push(`namespace ${ns.metadata.name}: ${why}`);
      else report.deletedNamespaces.push(ns.metadata.name);
    }
    return report;
  }
  const released = await releaseNamespaces(
    k,
    candidates.map((ns) => ns.metadata.name),
    { run: SWEEP_RUN, prefix: opts.prefix, now: () => opts.now, deadline: opts.deadline, unleased: true }
  );
  report.deletedNamespaces.push(...released.deleted);
  report.kept.push(...released.kept.map((k2) => `namespace ${k2.name}: ${k2.why}`));
  report.problems.push(...released.failed.map((f) => `namespace ${f.name}: ${f.error}`));
  return report;
}

// src/cli/sweep-command.ts
var SWEEP_HELP = renderHelp({
  usage: "netpol-canary sweep [options]",
  about: [
    "Deletes this action's canary pods, and the namespaces it created with the prefix, that are older",
    "than the age and that no live run holds a lease on. Nothing else is ever deleted.",
    "Exit code: 0 done; 1 something could not be deleted; 2 the options are not valid."
  ],
  options: [
    ["--older-than 1h", "only what is older than this"],
    ["--namespace-prefix P", "the prefix of the namespaces runs created (default canary-test-)"],
    ["--dry-run", "say what would be deleted, and delete nothing"],
    // sweep's kubectl calls are few: no --concurrency
    ...CONNECTION_OPTIONS.filter(([option]) => !option.startsWith("--concurrency")),
    HELP_OPTION
  ]
});
var SWEEP_SPEC = {
  flags: ["kubeconfig", "context", "kubectl", "older-than", "namespace-prefix"],
  switches: ["dry-run", "help"]
};
async function sweepCommand(argv, io = lineStdio) {
  const start = startCommand(argv, io, { name: "sweep", spec: SWEEP_SPEC, help: SWEEP_HELP });
  if ("exit" in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  if (positionals.length > 0) {
    return usageError(io, "sweep", `unexpected argument ${JSON.stringify(positionals[0])}`, SWEEP_HELP);
  }
  const age = parseDuration(flags["older-than"] ?? "1h");
  const prefix = flags["namespace-prefix"] ?? "canary-test-";
  const errors = [
    ...age.ok ? [] : age.errors.map((e) => `--older-than: ${e}`),
    ...namespacePrefixErrors(prefix).map((e) => `--namespace-prefix: ${e}`)
  ];
  if (flags.context?.startsWith("-")) errors.push("--context must be a context name");
  const c = connect({
    kubeconfig: flags.kubeconfig,
    context: flags.context,
    kubectl: flags.kubectl,
    concurrency: 10
  });
  if ("error" in c) errors.push(c.error);
  if (!age.ok || errors.length > 0 || "error" in c) {
    for (const e of errors) io.err(`netpol-canary sweep: ${e}`);
    return 2;
  }
  const { kubectl } = c;
  const dryRun = switches.has("dry-run");
  const report = await sweepStale(kubectl, {
    olderThanMs: age.value,
    prefix,
    now: /* @__PURE__ */ new Date(),
    deadline: Date.now() + 12e4,
    dryRun
  });
  const verb = dryRun ? "would delete" : "deleted";
  for (const p of report.deletedPods) io.out(`${verb} pod ${p}`);
  for (const n of report.deletedNamespaces) io.out(`${verb} namespace ${n}`);
  for (const k of report.kept) io.out(`${dryRun ? "would keep" : "kept"} ${k}`);
  for (const p of report.problems) io.err(`problem: ${p}`);
  io.out(
    `sweep: ${report.deletedPods.length} pod(s) and ${report.deletedNamespaces.length} namespace(s) ${dryRun ? "would be deleted" : "deleted"}.`
  );
  return report.problems.length > 0 ? 1 : 0;
}

// src/cli/version.ts
var VERSION = true ? "1.0.0" : "0.0.0-unbundled";

// src/cli/program.ts
var COMMANDS = {
  run: {
    run: runCommand,
    summary: "deploy canaries, probe the matrix, report, clean up",
    help: RUN_HELP,
    spec: RUN_SPEC
  },
  predict: {
    run: predictCommand,
    summary: "decide the matrix from manifests alone, no cluster",
    help: PREDICT_HELP,
    spec: PREDICT_SPEC
  },
  diff: {
    run: diffCommand,
    summary: "what a change to the manifests opens and closes, no cluster",
    help: DIFF_HELP,
    spec: DIFF_SPEC
  },
  generate: {
    run: generateCommand,
    summary: "write a matrix from the manifests, expectations predicted",
    help: GENERATE_HELP,
    spec: GENERATE_SPEC
  },
  cleanup: {
    run: cleanupCommand,
    summary: "remove what an interrupted run left behind",
    help: CLEANUP_HELP,
    spec: CLEANUP_SPEC
  },
  sweep: {
    run: (argv, io) => sweepCommand(argv, io),
    summary: "remove what dead runs left behind, by age",
    help: SWEEP_HELP,
    spec: SWEEP_SPEC
  }
};
var NAMES = Object.keys(COMMANDS);
var HELP = renderHelp({
  usage: "netpol-canary <command> [options]",
  about: [
    "Proves that a cluster's NetworkPolicies do what a matrix of expectations says.",
    "",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`),
    "",
    "`netpol-canary <command> --help` shows the options of a command."
  ],
  options: [["--version", "print the version and exit"], HELP_OPTION]
});
function unknown(first) {
  if (first.startsWith("-")) {
    const likely2 = suggest(first.replace(/^-+/, ""), ["help", "version"]);
    return `unknown option ${first}${likely2 ? ` (did you mean --${likely2}?)` : ""}`;
  }
  const likely = suggest(first, NAMES);
  return `unknown command ${JSON.stringify(first)}${likely ? ` (did you mean "${likely}"?)` : ""}`;
}
async function main(argv, io) {
  const [first, ...rest] = argv;
  if (first === void 0) {
    io.err(HELP);
    return 2;
  }
  if (first === "--version") {
    io.out(VERSION);
    return 0;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const about = rest[0] !== void 0 && Object.hasOwn(COMMANDS, rest[0]) ? COMMANDS[rest[0]] : void 0;
    if (about) return about.run(["--help"], io);
    if (rest.length > 0) {
      io.err(`netpol-canary: ${unknown(rest[0] ?? "")}; the commands are ${NAMES.join(", ")}.`);
      return 2;
    }
    io.out(HELP);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : void 0;
  if (!command) {
    io.err(
      `netpol-canary: ${unknown(first)}; the commands are ${NAMES.join(", ")}.
(see netpol-canary --help)`
    );
    return 2;
  }
  return command.run(rest, io);
}

// src/cli/cli.ts
try {
  process.exitCode = await main(process.argv.slice(2), stdio);
} catch (e) {
  stdio.err(`netpol-canary stopped unexpectedly: ${e.message ?? String(e)}`);
  process.exitCode = 1;
}
