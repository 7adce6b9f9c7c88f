#!/usr/bin/python3
"""A second real client for the smoke tests: Python grpcio (Debian's python3-grpcio) on its default channel, so the
header limits are the ones callers get (8 KB of metadata). Request types come from a descriptor set built with
`buf build -o FILE --as-file-descriptor-set`.

  grpcio_client.py call TARGET METHOD DESCRIPTORS [REQUEST.json|-] [--key KEY] [--raw FILE] [--corrupt-utf8 MARKER]
      One unary call; prints a JSON line: code, message, sizes of grpc-message and grpc-status-details-bin, and the
      google.rpc.BadRequest field violations.
      With --repeat N [--concurrency C]: N calls, C in flight, and a JSON count of each status.
  grpcio_client.py stall TARGET METHOD [--key KEY]
      Opens the call, never sends the request (a stalled client stream) and prints the status it ends with.
"""
import argparse
import json
import sys
import threading

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory


def message_class(descriptors, full_name):
    files = descriptor_pb2.FileDescriptorSet.FromString(open(descriptors, "rb").read())
    pool = descriptor_pool.DescriptorPool()
    for f in files.file:
        pool.Add(f)
    descriptor = pool.FindMessageTypeByName(full_name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def fields(data):
    """(number, wire type, value) of each field of a protobuf message; enough for google.rpc.Status without its protos."""
    i = 0
    while i < len(data):
        tag, i = varint(data, i)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, i = varint(data, i)
        elif wire == 2:
            length, i = varint(data, i)
            value, i = data[i:i + length], i + length
        elif wire == 1:
            value, i = data[i:i + 8], i + 8
        elif wire == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise ValueError("wire type %d" % wire)
        yield number, wire, value


def varint(data, i):
    value = shift = 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, i


def violations(status_bytes):
    found = []
    for number, _, any_bytes in fields(status_bytes):
        if number != 3:
            continue
        parts = dict((n, v) for n, _, v in fields(any_bytes))
        if parts.get(1, b"").decode() != "type.googleapis.com/google.rpc.BadRequest":
            continue
        for n, _, violation in fields(parts.get(2, b"")):
            if n == 1:
                v = dict((k, val.decode("utf-8", "replace")) for k, _, val in fields(violation))
                found.append({"field": v.get(1, ""), "description": v.get(2, "")})
    return found


def metadata(key):
    return [("x-api-key", key)] if key else None


def call(args):
    if args.raw:
        body = open(args.raw, "rb").read()
    else:
        request_type = {
            "EvaluateRequest": "imr.v1.EvaluateRequestRequest",
            "ExplainRationale": "imr.v1.ExplainRationaleRequest",
            "ListGuidelineVersions": "imr.v1.ListGuidelineVersionsRequest",
        }[args.method.rsplit("/", 1)[-1]]
        text = sys.stdin.read() if args.request in (None, "-") else open(args.request).read()
        body = json_format.Parse(text, message_class(args.descriptors, request_type)()).SerializeToString()
        if args.corrupt_utf8:
            # Same length, invalid UTF-8: what a caller's buggy encoder sends, and what JSON cannot express.
            at = body.index(args.corrupt_utf8.encode())
            body = body[:at + 1] + b"\xc3\x28" + body[at + 3:]
    with grpc.insecure_channel(args.target) as channel:
        rpc = channel.unary_unary(args.method, request_serializer=lambda b: b, response_deserializer=lambda b: b)
        if args.repeat:
            burst(rpc, body, args)
            return
        try:
            response = rpc(body, metadata=metadata(args.key), timeout=60)
            print(json.dumps({"code": "OK", "response": response.hex()}))
            return
        except grpc.RpcError as e:
            trailers = dict(e.trailing_metadata() or ())
            details = trailers.get("grpc-status-details-bin", b"")
            message = e.details() or ""
            print(json.dumps({
                "code": e.code().name,
                "message": message,
                "message_bytes": len(message.encode()),
                "details_bytes": len(details),
                "violations": violations(details) if details else [],
            }))


def burst(rpc, body, args):
    """--repeat N calls, --concurrency of them in flight at a time; prints the count of each status."""
    codes = {}
    pending = []
    for _ in range(args.repeat):
        pending.append(rpc.future(body, metadata=metadata(args.key), timeout=60))
        if len(pending) >= args.concurrency:
            settle(pending.pop(0), codes)
    for future in pending:
        settle(future, codes)
    print(json.dumps(codes, sort_keys=True))


def settle(future, codes):
    try:
        future.result()
        code = "OK"
    except grpc.RpcError as e:
        code = e.code().name
    codes[code] = codes.get(code, 0) + 1


def stall(args):
    never = threading.Event()

    def nothing():
        never.wait()
        yield b""

    with grpc.insecure_channel(args.target) as channel:
        rpc = channel.stream_unary(args.method, request_serializer=lambda b: b, response_deserializer=lambda b: b)
        future = rpc.future(nothing(), metadata=metadata(args.key), timeout=120)
        print("open", flush=True)
        try:
            future.result()
            print(json.dumps({"code": "OK"}))
        except grpc.RpcError as e:
            print(json.dumps({"code": e.code().name, "message": e.details() or ""}))
        finally:
            never.set()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("call")
    c.add_argument("target")
    c.add_argument("method")
    c.add_argument("descriptors")
    c.add_argument("request", nargs="?")
    c.add_argument("--key")
    c.add_argument("--raw")
    c.add_argument("--repeat", type=int, default=0, help="make the call this many times and print the count of each status")
    c.add_argument("--concurrency", type=int, default=8)
    c.add_argument("--corrupt-utf8", metavar="MARKER", help="replace two bytes inside MARKER with invalid UTF-8")
    s = sub.add_parser("stall")
    s.add_argument("target")
    s.add_argument("method")
    s.add_argument("--key")
    args = parser.parse_args()
    {"call": call, "stall": stall}[args.command](args)


if __name__ == "__main__":
    main()
