"""Moto's own ``config`` passes through ``mock_aws(config=...)``, as in Moto."""

from __future__ import annotations

import io
import json
import zipfile
from contextlib import closing

import boto3
import pytest
from aiobotocore.session import AioSession

from aiomoto import mock_aws

pytestmark = pytest.mark.anyio

HANDLER = "def handler(event, context):\n    return event\n"


def deployment_package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", HANDLER)
    return buffer.getvalue()


async def invoke_a_new_function() -> bytes:
    with closing(boto3.client("iam", region_name="us-east-1")) as iam:
        role = iam.create_role(RoleName="runner", AssumeRolePolicyDocument="{}")
    async with AioSession().create_client("lambda", region_name="us-east-1") as aws:
        await aws.create_function(
            FunctionName="echo",
            Runtime="python3.11",
            Role=role["Role"]["Arn"],
            Handler="handler.handler",
            Code={"ZipFile": deployment_package()},
        )
        answer = await aws.invoke(FunctionName="echo", Payload=json.dumps({"a": 1}))
        payload: bytes = await answer["Payload"].read()
    return payload


async def test_lambda_without_docker_answers_an_async_invoke() -> None:
    async with mock_aws(config={"lambda": {"use_docker": False}}):
        assert json.loads(await invoke_a_new_function()) == {"a": 1}
