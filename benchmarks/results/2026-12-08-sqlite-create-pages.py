# Pages (WAL frames) one create writes: the SQLite store's schema vs ASP.NET Core Identity's AspNetUsers. python3 this-file
import sqlite3, os, uuid, re, random, tempfile
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../src/Ory.Identity.Storage.Sqlite/SqliteMigration.cs')).read()
blocks = re.findall(r'new\((\d+), "[^"]*", """(.*?)"""\)', src, re.S)
ours = "\n".join(sql for v, sql in blocks if v in ("1", "3", "4"))
ef = """
CREATE TABLE "AspNetUsers" ("Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY, "UserName" TEXT NULL, "NormalizedUserName" TEXT NULL,
 "Email" TEXT NULL, "NormalizedEmail" TEXT NULL, "EmailConfirmed" INTEGER NOT NULL, "PasswordHash" TEXT NULL, "SecurityStamp" TEXT NULL,
 "ConcurrencyStamp" TEXT NULL, "PhoneNumber" TEXT NULL, "PhoneNumberConfirmed" INTEGER NOT NULL, "TwoFactorEnabled" INTEGER NOT NULL,
 "LockoutEnd" TEXT NULL, "LockoutEnabled" INTEGER NOT NULL, "AccessFailedCount" INTEGER NOT NULL);
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
"""
doc = '{"id":"%s","schema_id":"default","schema_url":"","state":"active","state_changed_at":"2026-12-08T02:00:00.000000Z","traits":{"email":"%s"},"verifiable_addresses":[{"id":"%s","value":"%s","verified":false,"via":"email","status":"pending","created_at":"2026-12-08T02:00:00.000000Z","updated_at":"2026-12-08T02:00:00.000000Z"}],"recovery_addresses":[{"id":"%s","value":"%s","via":"email","created_at":"2026-12-08T02:00:00.000000Z","updated_at":"2026-12-08T02:00:00.000000Z"}],"metadata_public":null,"metadata_admin":null,"created_at":"2026-12-08T02:00:00.000000Z","updated_at":"2026-12-08T02:00:00.000000Z","organization_id":null,"credentials":{"password":{"type":"password","identifiers":["%s"],"version":0,"created_at":"2026-12-08T02:00:00.000000Z","updated_at":"2026-12-08T02:00:00.000000Z"}}}'
def v7():
    u = bytearray(uuid.uuid4().bytes); import time; ms=int(time.time()*1000); u[0:6]=ms.to_bytes(6,'big'); u[6]=(u[6]&0x0f)|0x70; return bytes(u)
def ory(c, i):
    e = f"user{random.getrandbits(40)}-{i}@example.com"; idb = v7()
    c.execute("BEGIN IMMEDIATE")
    c.execute("INSERT INTO identities (id, external_id, organization_id, schema_id, version, document) VALUES (?,NULL,NULL,'default',0,?)", (idb, doc % (uuid.UUID(bytes=idb), e, uuid.uuid4(), e, uuid.uuid4(), e, e)))
    c.execute("INSERT INTO identity_credential_identifiers (type, identifier, identity_id) VALUES ('password',?,?)", (e, idb))
    c.execute("INSERT INTO identity_verifiable_addresses (via, value, identity_id) VALUES ('email',?,?)", (e, idb))
    c.execute("INSERT INTO identity_recovery_addresses (via, value, identity_id) VALUES ('email',?,?)", (e, idb))
    c.execute("COMMIT")
def aspnet(c, i):
    e = f"user{random.getrandbits(40)}-{i}@example.com"
    c.execute("BEGIN IMMEDIATE")
    c.execute('INSERT INTO "AspNetUsers" VALUES (?,?,?,?,?,0,NULL,?,?,NULL,0,0,NULL,1,0)', (str(uuid.uuid4()), e, e.upper(), e, e.upper(), uuid.uuid4().hex.upper(), str(uuid.uuid4())))
    c.execute("COMMIT")
for name, schema, insert in (("Ory.Identity", ours, ory), ("UserManager + EF Core", ef, aspnet)):
    path = os.path.join(tempfile.gettempdir(), f"wal-{name[:3]}.db")
    for s in ("", "-wal", "-shm"):
        if os.path.exists(path + s): os.remove(path + s)
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL"); c.execute("PRAGMA synchronous=NORMAL"); c.executescript(schema)
    for i in range(100000): insert(c, i)   # seed like the anchor
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.execute("PRAGMA wal_autocheckpoint=0")
    n = 2000
    for i in range(n): insert(c, 200000 + i)
    frames = (os.path.getsize(path + "-wal") - 32) / (4096 + 24)
    print(f"{name}: {frames / n:.1f} WAL frames (4 KiB pages) per create, {n} creates after 100,000 seeded")
